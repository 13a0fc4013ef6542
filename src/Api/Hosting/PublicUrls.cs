using WfaaS.Scheduler.Runners;

namespace WfaaS.Api.Hosting;

/// <summary>
/// Builds the URLs handed to outside parties (SPEC §2 <c>PublicBaseUrl</c>, default: the first URL
/// the server listens on). The token in them is the capability; the URL needs no API key.
/// </summary>
internal sealed class PublicUrls(string? configured, Func<string?> listening) : ICallbackUrls
{
    public string BaseUrl => (configured is { Length: > 0 } ? configured : listening() ?? "http://localhost:8080").TrimEnd('/');

    public string Callback(string token) => $"{BaseUrl}/api/v1/callbacks/{token}";

    public string Heartbeat(string token) => $"{BaseUrl}/api/v1/callbacks/{token}/heartbeat";

    public string Approve(string token) => $"{BaseUrl}/api/v1/approvals/{token}";
}
