using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WfaaS.Chaos.Target;

/// <summary>One request the target answered.</summary>
internal sealed record TargetRequest(string Method, string Path, int Status);

/// <summary>
/// The endpoint the workload's <c>http</c> tasks call, on 127.0.0.1 in this process (Kestrel), so it
/// outlives every kill of the service. It keys everything on the <c>Idempotency-Key</c> the service
/// sends (<c>{execution}:{task}:{attempt}</c>, SPEC §3.4) and remembers every request it answered:
/// <list type="bullet">
/// <item><c>POST /flaky?fail=N</c>: 409 (not transient, so the service's Polly pipeline does not retry
/// it: the task's own <c>retry</c> does) for attempts 1..N, 200 after. It depends only on the attempt
/// in the key, so a repeated delivery of one attempt gets the same answer.</item>
/// <item><c>POST /transient</c>: 503 to the first request of each key, 200 to the next ones (the
/// Polly pipeline retries inside the attempt).</item>
/// <item><c>DELETE /undo</c>: 200, a revert action.</item>
/// </list>
/// </summary>
internal sealed class FlakyTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TargetRequest>> _requests = new(StringComparer.Ordinal);

    private readonly TimeSpan _latency;

    private FlakyTarget(WebApplication app, Uri baseUrl, TimeSpan latency)
    {
        _app = app;
        BaseUrl = baseUrl;
        _latency = latency;
    }

    public Uri BaseUrl { get; }

    /// <summary>Every request answered, by Idempotency-Key.</summary>
    public IReadOnlyDictionary<string, ConcurrentQueue<TargetRequest>> Requests => _requests;

    public int RequestCount => _requests.Values.Sum(q => q.Count);

    /// <param name="port">Where it listens on 127.0.0.1.</param>
    /// <param name="latency">How long each answer takes (a slow external system keeps the service's workers busy).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<FlakyTarget> StartAsync(int port, TimeSpan latency, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var target = new FlakyTarget(app, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), latency);
        app.MapPost("/flaky", (HttpRequest request, int fail) =>
            target.Answer(request, key => Attempt(key) is { } attempt && attempt > fail ? StatusCodes.Status200OK : StatusCodes.Status409Conflict));
        app.MapPost("/transient", (HttpRequest request) =>
            target.Answer(request, key => target.Seen(key) == 0 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK));
        app.MapDelete("/undo", (HttpRequest request) => target.Answer(request, _ => StatusCodes.Status200OK));
        await app.StartAsync(cancellationToken);
        return target;
    }

    /// <summary>The statuses answered to one key.</summary>
    public IReadOnlyList<TargetRequest> For(string key) =>
        _requests.TryGetValue(key, out var requests) ? [.. requests] : [];

    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }

    private int Seen(string key) => _requests.TryGetValue(key, out var requests) ? requests.Count : 0;

    private async Task<IResult> Answer(HttpRequest request, Func<string, int> status)
    {
        if (_latency > TimeSpan.Zero)
        {
            await Task.Delay(_latency, request.HttpContext.RequestAborted);
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            return Microsoft.AspNetCore.Http.Results.BadRequest();
        }

        var code = status(key);
        _requests.GetOrAdd(key, _ => new ConcurrentQueue<TargetRequest>()).Enqueue(new TargetRequest(request.Method, request.Path, code));
        return code == StatusCodes.Status200OK ? Microsoft.AspNetCore.Http.Results.Json(new { ok = true, key }) : Microsoft.AspNetCore.Http.Results.StatusCode(code);
    }

    /// <summary>The attempt of <c>{execution}:{task}:{attempt}</c>.</summary>
    private static int? Attempt(string key) =>
        key.LastIndexOf(':') is var colon and > 0
        && int.TryParse(key.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            ? attempt
            : null;
}
