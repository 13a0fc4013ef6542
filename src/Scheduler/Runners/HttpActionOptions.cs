namespace WfaaS.Scheduler.Runners;

/// <summary><c>Actions:Http</c> (SPEC §2).</summary>
public sealed class HttpActionOptions
{
    public const string SectionName = "Actions:Http";

    /// <summary>Host patterns (<c>api.example.com</c>, <c>*.example.com</c>, <c>*</c>); empty allows every host.</summary>
    public IList<string> AllowedHosts { get; } = [];
}
