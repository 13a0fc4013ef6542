using System.Collections.Concurrent;
using System.Diagnostics;

namespace WfaaS.Bench.Workloads;

/// <summary>
/// The service floor's figures: requests/s of POST /rows (one row inserted and committed each) with
/// C clients, and the latency of one request at a time — what the simplest durable HTTP service on
/// this stack and database does, beside which every WfaaS figure is read.
/// </summary>
internal sealed record ServiceFloorResult(
    int Requests, int Concurrency, double WarmupSeconds, double Seconds, double RequestsPerSecond, Stats Request, int SequentialRequests, Stats SequentialRequest);

/// <summary>
/// Drives bench/WfaaS.ServiceFloor the way linear10 and callback drive WfaaS: the same client, C
/// clients for N requests after a warm-up of the same length, then M requests one at a time.
/// </summary>
internal static class ServiceFloor
{
    public static async Task<ServiceFloorResult> RunAsync(WfaasClient client, Options options, CancellationToken cancellationToken)
    {
        var warmup = Stopwatch.StartNew();
        using (var warming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            warming.CancelAfter(options.Warmup);
            try
            {
                await Concurrently.RunAsync(int.MaxValue, options.C, (_, ct) => client.PostRowAsync(ct), warming.Token);
            }
            catch (OperationCanceledException) when (warming.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
            }
        }

        var warmupSeconds = warmup.Elapsed.TotalSeconds;
        var latencies = new ConcurrentBag<TimeSpan>();
        var clock = Stopwatch.StartNew();
        await Concurrently.RunAsync(options.N, options.C, async (_, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            await client.PostRowAsync(ct);
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;

        var sequential = new List<TimeSpan>(options.M);
        for (var i = 0; i < options.M; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.PostRowAsync(cancellationToken);
            sequential.Add(Stopwatch.GetElapsedTime(started));
        }

        return new ServiceFloorResult(options.N, options.C, warmupSeconds, seconds, options.N / seconds, Stats.Of(latencies), options.M, Stats.Of(sequential));
    }
}
