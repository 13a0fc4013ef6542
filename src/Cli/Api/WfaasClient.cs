using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace WfaaS.Cli.Api;

/// <summary>
/// The service's REST API (SPEC §6) over HTTP, nothing more: every answer comes back as sent, and
/// every error answer as an <see cref="ApiProblemException"/>.
/// </summary>
internal sealed class WfaasClient : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly HttpClient _http;
    private readonly Connection _connection;

    public WfaasClient(Connection connection, HttpMessageHandler? handler)
    {
        _connection = connection;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromSeconds(100);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Uri BaseUrl => _connection.BaseUrl;

    /// <summary>A path under the base URL (<c>api/v1/executions</c>).</summary>
    public Uri Api(string relative) => new(_connection.BaseUrl, relative);

    public Task<ApiAnswer> GetAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, url, content: null, cancellationToken);

    public Task<ApiAnswer> PostJsonAsync(Uri url, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, url, new StringContent(JsonSerializer.Serialize(body, WireJson.Options), Encoding.UTF8, "application/json"), cancellationToken);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, Uri url, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        // The key goes only to the service named by --url: a callback or approval URL is a capability
        // that needs no key (SPEC §6, §8), and might name another host.
        if (_connection.ApiKey is { } key && SameOrigin(url, _connection.BaseUrl))
        {
            request.Headers.Add(ApiKeyHeader, key);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            throw ApiProblemException.From(status, response.Content.Headers.ContentType?.MediaType, text);
        }

        return new ApiAnswer(status, text, Parse(text));
    }

    public void Dispose() => _http.Dispose();

    private static JsonElement Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
