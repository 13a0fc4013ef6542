namespace WfaaS.Scheduler.Runners;

/// <summary><c>Actions:Http</c> (SPEC §2).</summary>
public sealed class HttpActionOptions
{
    public const string SectionName = "Actions:Http";

    /// <summary>
    /// Host patterns (<c>api.example.com</c>, <c>*.example.com</c>, <c>*</c>); empty allows every host. Only a
    /// pattern that names a host (not <c>*</c>) lets it reach loopback or private addresses (<see cref="HostGuard"/>).
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];
}
