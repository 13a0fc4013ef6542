using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace WfaaS.Chaos.Client;

/// <summary>
/// The service's REST API. The service is killed under it, so a request may get no answer (refused,
/// reset, timed out) or a 5xx while it stops; <see cref="UntilAnsweredAsync"/> sends it again,
/// within a bound, until the service answers. Every request is bounded by the client's timeout.
/// </summary>
internal sealed class ChaosClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    private readonly HttpClient _http;
    private readonly Func<Uri> _baseUrl;
    private readonly ConcurrentDictionary<int, int> _serverErrors = new();
    private readonly ConcurrentQueue<string> _serverErrorSamples = new();
    private long _unanswered;

    public ChaosClient(Func<Uri> baseUrl, int maxConnections)
    {
        _baseUrl = baseUrl;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            UseProxy = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        {
            Timeout = RequestTimeout,
        };
    }

    /// <summary>5xx answers by status (each was sent again).</summary>
    public IReadOnlyDictionary<int, int> ServerErrors => _serverErrors;

    /// <summary>The first few 5xx answers, for the report.</summary>
    public IReadOnlyList<string> ServerErrorSamples => [.. _serverErrorSamples];

    /// <summary>Requests that got no answer at all (the service was down or stopping).</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    public void Dispose() => _http.Dispose();

    /// <summary>One request; null when the service gave no answer.</summary>
    public async Task<Answer?> SendAsync(
        HttpMethod method, string pathAndQuery, string? json, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseUrl(), pathAndQuery));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new Answer((int)response.StatusCode, body);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.Increment(ref _unanswered);
            return null;
        }
    }

    /// <summary>
    /// Sends until the service answers with a status below 500, at most for <paramref name="bound"/>;
    /// null when it never did. <paramref name="onTry"/> sees every try and its answer (null: none).
    /// </summary>
    public async Task<Answer?> UntilAnsweredAsync(
        HttpMethod method,
        string pathAndQuery,
        string? json,
        IReadOnlyDictionary<string, string>? headers,
        TimeSpan bound,
        Action<Answer?>? onTry,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answer = await SendAsync(method, pathAndQuery, json, headers, cancellationToken);
            onTry?.Invoke(answer);
            if (answer is { Status: < 500 })
            {
                return answer;
            }

            if (answer is not null)
            {
                _serverErrors.AddOrUpdate(answer.Status, 1, (_, n) => n + 1);
                if (_serverErrorSamples.Count < 10)
                {
                    _serverErrorSamples.Enqueue($"{method} {StripToken(pathAndQuery)} → {answer.Status}: {Answer.Short(answer.Body)}");
                }
            }

            if (clock.Elapsed + RetryPause > bound)
            {
                return null;
            }

            await Task.Delay(RetryPause, cancellationToken);
        }
    }

    /// <summary>A path for the report: callback and approval tokens are capabilities, never printed.</summary>
    public static string StripToken(string pathAndQuery) =>
        pathAndQuery.StartsWith("/api/v1/callbacks/", StringComparison.Ordinal) ? "/api/v1/callbacks/<token>"
        : pathAndQuery.StartsWith("/api/v1/approvals/", StringComparison.Ordinal) ? "/api/v1/approvals/<token>"
        : pathAndQuery;

    /// <summary>The path of a capability URL the service gave: it is always sent to the service's current address.</summary>
    public static string PathOf(string url) => new Uri(url, UriKind.Absolute).PathAndQuery;
}
