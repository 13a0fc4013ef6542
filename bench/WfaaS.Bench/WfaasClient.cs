using System.Net;
using System.Text;
using System.Text.Json;

namespace WfaaS.Bench;

/// <summary>An execution as the start answer or GET shows it: only what the bench reads.</summary>
internal sealed record ExecutionView(string Id, string State, string? WaitingKind, string? CallbackPath, DateTimeOffset? DueAt);

/// <summary>One task detail: only what the bench reads.</summary>
internal sealed record TaskView(string Name, string State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// The service's REST API over one HttpClient (SocketsHttpHandler, MaxConnectionsPerServer = C,
/// no proxy); every call is bounded by the client's timeout and the caller's token.
/// </summary>
internal sealed class WfaasClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    public WfaasClient(Uri baseUrl, int maxConnections)
    {
        BaseUrl = baseUrl;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            UseProxy = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            BaseAddress = baseUrl,
            Timeout = RequestTimeout,
        };
    }

    public Uri BaseUrl { get; }

    public void Dispose() => _http.Dispose();

    /// <summary>POST /api/v1/workflows; 201 (or 200 when the same text is already there).</summary>
    public async Task PostDefinitionAsync(string json, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(new Uri("/api/v1/workflows", UriKind.Relative), Json(json), cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new BenchFailure($"POST /api/v1/workflows answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>POST /api/v1/executions; expects 201.</summary>
    public Task<ExecutionView> StartAsync(string workflow, CancellationToken cancellationToken) => StartAsync(workflow, "{}", cancellationToken);

    /// <summary>POST /api/v1/executions with <paramref name="input"/> (a JSON object); expects 201.</summary>
    public async Task<ExecutionView> StartAsync(string workflow, string input, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(
            new Uri("/api/v1/executions", UriKind.Relative), Json($$$"""{"workflow": "{{{workflow}}}", "input": {{{input}}}}"""), cancellationToken);
        return await ReadExecutionAsync(response, HttpStatusCode.Created, "POST /api/v1/executions", cancellationToken);
    }

    /// <summary>GET /api/v1/executions/{id}: the callback path of every waiting task, by task.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CallbackPathsAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"/api/v1/executions/{id}", UriKind.Relative), cancellationToken);
        using var document = await ReadJsonAsync(response, HttpStatusCode.OK, $"GET /api/v1/executions/{id}", cancellationToken);
        return document.RootElement.GetProperty("waiting").EnumerateArray()
            .Where(w => w.TryGetProperty("callback_url", out var url) && url.ValueKind == JsonValueKind.String)
            .ToDictionary(w => w.GetProperty("task").GetString()!, w => LoopbackPath(w.GetProperty("callback_url").GetString()!), StringComparer.Ordinal);
    }

    /// <summary>POST /api/v1/executions/{id}/cancel; expects 200.</summary>
    public async Task CancelAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(new Uri($"/api/v1/executions/{id}/cancel", UriKind.Relative), null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchFailure($"POST /api/v1/executions/{id}/cancel answered {(int)response.StatusCode}");
        }
    }

    /// <summary>GET /api/v1/executions/{id}.</summary>
    public async Task<ExecutionView> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"/api/v1/executions/{id}", UriKind.Relative), cancellationToken);
        return await ReadExecutionAsync(response, HttpStatusCode.OK, $"GET /api/v1/executions/{id}", cancellationToken);
    }

    /// <summary>GET /api/v1/executions/{id}/tasks.</summary>
    public async Task<IReadOnlyList<TaskView>> TasksAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"/api/v1/executions/{id}/tasks", UriKind.Relative), cancellationToken);
        using var document = await ReadJsonAsync(response, HttpStatusCode.OK, $"GET /api/v1/executions/{id}/tasks", cancellationToken);
        return [.. document.RootElement.GetProperty("items").EnumerateArray().Select(t => new TaskView(
            t.GetProperty("name").GetString() ?? string.Empty,
            t.GetProperty("state").GetString() ?? string.Empty,
            Time(t, "started_at"),
            Time(t, "finished_at")))];
    }

    /// <summary>POST {callback_url} with a success body; expects 200.</summary>
    public async Task CallbackAsync(string callbackPath, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(
            new Uri(callbackPath, UriKind.Relative), Json("""{"status": "success", "result": 1}"""), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchFailure($"POST {callbackPath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>GET /metrics (Prometheus text); expects 200.</summary>
    public async Task<string> MetricsAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? body
            : throw new BenchFailure($"GET /metrics answered {(int)response.StatusCode}: {Shorten(body)}");
    }

    /// <summary>The service floor's POST /rows (a 200-byte text); expects 201.</summary>
    public async Task PostRowAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(new Uri("/rows", UriKind.Relative), Json(RowBody), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new BenchFailure($"POST /rows answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static readonly string RowBody = $$"""{"v": "{{new string('x', 200)}}"}""";

    private async Task<ExecutionView> ReadExecutionAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        using var document = await ReadJsonAsync(response, expected, what, cancellationToken);
        var root = document.RootElement;
        string? kind = null;
        string? callbackPath = null;
        DateTimeOffset? dueAt = null;
        if (root.TryGetProperty("waiting", out var waiting) && waiting.ValueKind == JsonValueKind.Array && waiting.GetArrayLength() > 0)
        {
            var first = waiting[0];
            kind = first.TryGetProperty("kind", out var k) ? k.GetString() : null;
            if (first.TryGetProperty("callback_url", out var url) && url.ValueKind == JsonValueKind.String)
            {
                callbackPath = LoopbackPath(url.GetString()!);
            }

            dueAt = Time(first, "due_at");
        }

        return new ExecutionView(root.GetProperty("id").GetString()!, root.GetProperty("state").GetString()!, kind, callbackPath, dueAt);
    }

    /// <summary>The callback URL's path: it is always sent to the service's own loopback address.</summary>
    private string LoopbackPath(string callbackUrl)
    {
        var url = new Uri(callbackUrl, UriKind.Absolute);
        if (!url.IsLoopback || url.Port != BaseUrl.Port)
        {
            throw new BenchFailure($"The service gave a callback URL outside its own loopback address: {callbackUrl}");
        }

        return url.PathAndQuery;
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != expected)
        {
            throw new BenchFailure($"{what} answered {(int)response.StatusCode}, not {(int)expected}: {Shorten(body)}");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new BenchFailure($"{what} answered something that is not JSON: {Shorten(body)}", e);
        }
    }

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Shorten(string body) => body.Length <= 500 ? body : body[..500] + "…";
}
