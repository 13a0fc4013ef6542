namespace WfaaS.Api;

/// <summary>The <c>Limits</c> configuration section (SPEC §2).</summary>
internal sealed class RequestLimits
{
    public const string SectionName = "Limits";

    public long MaxRequestBytes { get; set; } = 1024 * 1024;
}
