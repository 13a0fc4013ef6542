using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WfaaS.Bench.Target;

/// <summary>
/// The external system of the http workload, on 127.0.0.1 in the bench's process (Kestrel):
/// <c>GET /slow</c> answers 200 after <see cref="Latency"/>. It counts the requests in flight, so
/// the report can show how many the service had outstanding at once.
/// </summary>
internal sealed class SlowEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _inFlight;
    private int _maxInFlight;
    private int _answered;

    private SlowEndpoint(TimeSpan latency, int port)
    {
        Latency = latency;
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _app = builder.Build();
        _app.MapGet("/slow", AnswerAsync);
    }

    public Uri BaseUrl { get; }

    public TimeSpan Latency { get; }

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Answered => Volatile.Read(ref _answered);

    public static async Task<SlowEndpoint> StartAsync(TimeSpan latency, CancellationToken cancellationToken)
    {
        var endpoint = new SlowEndpoint(latency, ServiceProcess.FreePort());
        await endpoint._app.StartAsync(cancellationToken);
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Resets the counts before a measured run.</summary>
    public void Reset()
    {
        Volatile.Write(ref _maxInFlight, 0);
        Volatile.Write(ref _answered, 0);
    }

    private async Task<IResult> AnswerAsync(CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = MaxInFlight; now > max; max = MaxInFlight)
        {
            Interlocked.CompareExchange(ref _maxInFlight, now, max);
        }

        try
        {
            await Task.Delay(Latency, cancellationToken);
            Interlocked.Increment(ref _answered);
            return Microsoft.AspNetCore.Http.Results.Text("""{"ok": true}""", "application/json");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
