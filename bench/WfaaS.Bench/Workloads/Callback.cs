using System.Collections.Concurrent;
using System.Diagnostics;

namespace WfaaS.Bench.Workloads;

/// <summary>
/// callback's figures: from sending a callback until GET shows the execution SUCCESS (its next task
/// has run), and the callback request alone; <c>ExtraPolls</c> counts GETs that still saw it running.
/// The service's garbage over the timed callbacks (and their GETs): bytes allocated per callback,
/// gen0 collections and the time paused in all of them, from its <c>/metrics</c>; how long the
/// service's JIT took to go quiet after the executions were parked, and the methods it compiled
/// while the callbacks were timed.
/// </summary>
internal sealed record CallbackResult(
    int Executions, int Warmup, Stats ToSuccess, Stats CallbackRequest, int ExtraPolls,
    double ServiceAllocatedBytesPerCallback, double ServiceGen0Collections, double ServiceGcPauseMs,
    double JitQuietSeconds, bool JitWentQuiet, double ServiceJitMethodsTimed);

/// <summary>
/// M executions each parked on a <c>delegate</c> followed by a <c>noop</c>; then, one at a time,
/// POST the callback and GET the execution until it is SUCCESS. Before the first callback the
/// service's JIT must have gone quiet (<see cref="JitQuiet"/>), and a few more executions go first,
/// untimed, so the figures do not include the service's first-call (JIT) costs.
/// </summary>
internal static class Callback
{
    private static readonly TimeSpan PerExecutionTimeout = TimeSpan.FromSeconds(10);

    public static async Task<CallbackResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var (client, options) = (context.Client, context.Options);
        await client.PostDefinitionAsync(Definitions.Delegate(Definitions.CallbackName), cancellationToken);

        var warmup = Math.Clamp(options.M / 10, 3, 20);
        var parked = new ConcurrentQueue<ExecutionView>();
        await Concurrently.RunAsync(warmup + options.M, options.C, async (_, ct) =>
            parked.Enqueue(Waiting.ExpectParked(await client.StartAsync(Definitions.CallbackName, ct), "callback")), cancellationToken);
        var (quietSeconds, wentQuiet) = await JitQuiet.WaitAsync(client, options.JitQuietBound, cancellationToken);

        var toSuccess = new List<TimeSpan>(options.M);
        var request = new List<TimeSpan>(options.M);
        var extraPolls = 0;
        var polls = 0;
        RuntimeCounters? before = null;
        foreach (var (execution, index) in parked.Select((e, i) => (e, i)))
        {
            if (index == warmup)
            {
                before = await RuntimeCounters.ReadAsync(client, cancellationToken);
            }

            var started = Stopwatch.GetTimestamp();
            await client.CallbackAsync(execution.CallbackPath!, cancellationToken);
            var callbackTime = Stopwatch.GetElapsedTime(started);
            while (true)
            {
                var now = await client.GetAsync(execution.Id, cancellationToken);
                if (now.State == "SUCCESS")
                {
                    break;
                }

                if (now.State != "RUNNING")
                {
                    throw new BenchFailure($"callback: execution {execution.Id} is {now.State} after its callback, expected SUCCESS.");
                }

                if (Stopwatch.GetElapsedTime(started) > PerExecutionTimeout)
                {
                    throw new BenchFailure($"callback: execution {execution.Id} was still RUNNING {PerExecutionTimeout.TotalSeconds} s after its callback.");
                }

                polls++;
                await Task.Delay(1, cancellationToken);
            }

            if (index >= warmup)
            {
                toSuccess.Add(Stopwatch.GetElapsedTime(started));
                request.Add(callbackTime);
                extraPolls += polls;
            }

            polls = 0;
        }

        var garbage = await RuntimeCounters.ReadAsync(client, cancellationToken) - before!;
        return new CallbackResult(
            options.M, warmup, Stats.Of(toSuccess), Stats.Of(request), extraPolls,
            garbage.AllocatedBytes / options.M, garbage.Gen0, garbage.PauseSeconds * 1000,
            quietSeconds, wentQuiet, garbage.JitCompiledMethods);
    }
}
