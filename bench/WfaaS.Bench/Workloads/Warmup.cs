using System.Diagnostics;
using System.Globalization;

namespace WfaaS.Bench.Workloads;

/// <summary>What the warm-up did: how long, how many round trips of each kind, and how long the service's JIT then took to go quiet.</summary>
internal sealed record WarmupResult(double Seconds, int Linear10Starts, int Callbacks, int Waits, int BurstWaits, double JitQuietSeconds, bool JitWentQuiet);

/// <summary>
/// Before anything is timed, C clients drive the paths the workloads measure for <c>--warmup</c>
/// seconds: linear10 starts, delegate executions completed by their callback and read back, and
/// short durable waits that fire while the warm-up runs, and waits that all come due at one instant
/// two seconds before its end (a burst's fires read their executions together: another path).
/// The service's first seconds under load go to compiling (tiered JIT recompiles hot methods with
/// what it profiled), and under load its background worker gets little of two cores, so the
/// warm-up ends when the JIT has gone quiet (<see cref="JitQuiet"/>); the figures describe the
/// service after that, as it runs for days.
/// </summary>
internal static class Warmup
{
    public static async Task<WarmupResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var (client, options) = (context.Client, context.Options);
        await client.PostDefinitionAsync(Definitions.Linear10, cancellationToken);
        await client.PostDefinitionAsync(Definitions.Delegate(Definitions.CallbackName), cancellationToken);
        await client.PostDefinitionAsync(Definitions.WarmupWait, cancellationToken);
        await client.PostDefinitionAsync(Definitions.TimerBurst, cancellationToken);
        var burstAt = DateTimeOffset.UtcNow + options.Warmup - TimeSpan.FromSeconds(2);
        var burstInput = $$"""{"until": "{{burstAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}}"}""";

        var clock = Stopwatch.StartNew();
        var starts = 0;
        var callbacks = 0;
        var waits = 0;
        var burstWaits = 0;
        await Task.WhenAll(Enumerable.Range(0, options.C).Select(_ => Task.Run(async () =>
        {
            for (var round = 1; clock.Elapsed < options.Warmup; round++)
            {
                if (round % 16 == 6)
                {
                    await client.StartAsync(Definitions.TimerBurstName, burstInput, cancellationToken);
                    Interlocked.Increment(ref burstWaits);
                    continue;
                }

                if (round % 4 == 2)
                {
                    await client.StartAsync("bench-warmup-wait", cancellationToken);
                    Interlocked.Increment(ref waits);
                    continue;
                }

                if (round % 8 != 0)
                {
                    await client.StartAsync(Definitions.Linear10Name, cancellationToken);
                    Interlocked.Increment(ref starts);
                    continue;
                }

                var parked = Waiting.ExpectParked(await client.StartAsync(Definitions.CallbackName, cancellationToken), "warm-up");
                await client.CallbackAsync(parked.CallbackPath!, cancellationToken);
                await client.GetAsync(parked.Id, cancellationToken);
                Interlocked.Increment(ref callbacks);
            }
        }, cancellationToken)));

        // The last short waits fire before anything is timed, and the recompiles the load queued run.
        var loaded = clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(0.5), cancellationToken);
        var (quietSeconds, wentQuiet) = await JitQuiet.WaitAsync(client, options.JitQuietBound, cancellationToken);
        return new WarmupResult(loaded, starts, callbacks, waits, burstWaits, quietSeconds, wentQuiet);
    }
}
