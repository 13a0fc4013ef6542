using System.Collections.Concurrent;
using System.Diagnostics;

namespace WfaaS.Bench.Workloads;

/// <summary>
/// callback's figures: from sending a callback until GET shows the execution SUCCESS (its next task
/// has run), and the callback request alone; <c>ExtraPolls</c> counts GETs that still saw it running.
/// </summary>
internal sealed record CallbackResult(int Executions, Stats ToSuccess, Stats CallbackRequest, int ExtraPolls);

/// <summary>
/// M executions each parked on a <c>delegate</c> followed by a <c>noop</c>; then, one at a time,
/// POST the callback and GET the execution until it is SUCCESS.
/// </summary>
internal static class Callback
{
    private static readonly TimeSpan PerExecutionTimeout = TimeSpan.FromSeconds(10);

    public static async Task<CallbackResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var (client, options) = (context.Client, context.Options);
        await client.PostDefinitionAsync(Definitions.Delegate(Definitions.CallbackName), cancellationToken);

        var parked = new ConcurrentQueue<ExecutionView>();
        await Concurrently.RunAsync(options.M, options.C, async (_, ct) =>
            parked.Enqueue(Waiting.ExpectParked(await client.StartAsync(Definitions.CallbackName, ct), "callback")), cancellationToken);

        var toSuccess = new List<TimeSpan>(options.M);
        var request = new List<TimeSpan>(options.M);
        var extraPolls = 0;
        foreach (var execution in parked)
        {
            var started = Stopwatch.GetTimestamp();
            await client.CallbackAsync(execution.CallbackPath!, cancellationToken);
            request.Add(Stopwatch.GetElapsedTime(started));
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

                extraPolls++;
                await Task.Delay(1, cancellationToken);
            }

            toSuccess.Add(Stopwatch.GetElapsedTime(started));
        }

        return new CallbackResult(options.M, Stats.Of(toSuccess), Stats.Of(request), extraPolls);
    }
}
