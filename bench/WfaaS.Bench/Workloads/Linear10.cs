using System.Collections.Concurrent;
using System.Diagnostics;

namespace WfaaS.Bench.Workloads;

/// <summary>linear10's figures: executions per second with C clients, and the latency of one start.</summary>
internal sealed record Linear10Result(int Executions, int Concurrency, int Warmup, double Seconds, double ExecutionsPerSecond, Stats Start);

/// <summary>
/// N executions of ten sequential <c>noop</c> tasks, started over REST by C concurrent clients;
/// each start answers 201 already SUCCESS (local actions run inside the step).
/// </summary>
internal static class Linear10
{
    public static async Task<Linear10Result> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var (client, options) = (context.Client, context.Options);
        await client.PostDefinitionAsync(Definitions.Linear10, cancellationToken);

        var warmup = Math.Clamp(options.N / 10, 1, 100);
        await Concurrently.RunAsync(warmup, options.C, (_, ct) => StartOneAsync(client, ct), cancellationToken);

        var latencies = new ConcurrentBag<TimeSpan>();
        var clock = Stopwatch.StartNew();
        await Concurrently.RunAsync(options.N, options.C, async (_, ct) => latencies.Add(await StartOneAsync(client, ct)), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        return new Linear10Result(options.N, options.C, warmup, seconds, options.N / seconds, Stats.Of(latencies));
    }

    private static async Task<TimeSpan> StartOneAsync(WfaasClient client, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var execution = await client.StartAsync(Definitions.Linear10Name, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return execution.State == "SUCCESS"
            ? elapsed
            : throw new BenchFailure($"linear10: execution {execution.Id} answered {execution.State}, expected SUCCESS.");
    }
}
