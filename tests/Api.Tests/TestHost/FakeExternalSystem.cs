using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WfaaS.Api.Tests.TestHost;

/// <summary>
/// A real HTTP server on a loopback port standing in for the systems workflows call: it answers
/// scripted statuses per path and records every request it receives.
/// </summary>
public sealed class FakeExternalSystem : IAsyncDisposable
{
    private const string Host = "127.0.0.1";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new();
    private readonly Lock _gate = new();
    private readonly List<(string Path, TaskCompletionSource<ReceivedRequest> Received)> _waiters = [];

    private FakeExternalSystem(WebApplication app) => _app = app;

    /// <summary>
    /// The settings that let workflows reach this system: it listens on loopback, which the host guard
    /// refuses unless <c>Actions:Http:AllowedHosts</c> names the host (SPEC §2). <c>*</c> beside it lets
    /// every other host through the name check, but opens no loopback or private address to them.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> AllowedHostSettings { get; } = new Dictionary<string, string?>
    {
        ["Actions:Http:AllowedHosts:0"] = Host,
        ["Actions:Http:AllowedHosts:1"] = "*",
    };

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeExternalSystem> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{Host}:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var system = new FakeExternalSystem(app);
        app.Run(system.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        system.BaseUrl = new Uri(address);
        return system;
    }

    /// <summary>The next requests to <paramref name="path"/> answer these statuses in turn; then 200.</summary>
    public void Script(string path, params int[] statuses) =>
        _scripts[path] = new ConcurrentQueue<int>(statuses);

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    /// <summary>The first request to <paramref name="path"/>, once it has arrived; bounded by <see cref="CommitWatcher.Patience"/>.</summary>
    public async Task<ReceivedRequest> WaitForRequestAsync(string path, CancellationToken cancellationToken)
    {
        var received = new TaskCompletionSource<ReceivedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (Received.FirstOrDefault(r => r.Path == path) is { } already)
            {
                return already;
            }

            _waiters.Add((path, received));
        }

        try
        {
            return await received.Task.WaitAsync(CommitWatcher.Patience, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Nothing reached {path} within {CommitWatcher.Patience.TotalSeconds} s; received: {string.Join(", ", Received.Select(r => r.Path))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? "/";
        var request = new ReceivedRequest(context.Request.Method, path, context.Request.Headers["Idempotency-Key"].ToString(), body);
        List<TaskCompletionSource<ReceivedRequest>> waiting;
        lock (_gate)
        {
            Received.Enqueue(request);
            waiting = [.. _waiters.Where(w => w.Path == path).Select(w => w.Received)];
            _waiters.RemoveAll(w => w.Path == path);
        }

        waiting.ForEach(w => w.TrySetResult(request));
        var status = _scripts.TryGetValue(path, out var script) && script.TryDequeue(out var next) ? next : 200;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"id": 42, "path": "{{path}}", "status": {{status}}}""");
    }
}

public sealed record ReceivedRequest(string Method, string Path, string IdempotencyKey, string Body);
