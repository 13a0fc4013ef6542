using System.Collections.Concurrent;
using System.Diagnostics;

namespace WfaaS.Bench.Workloads;

/// <summary>
/// timers' figures: lateness of each fire (the <c>nap</c> task's finished_at minus its started_at + 2 s),
/// and how long starting them all took.
/// </summary>
internal sealed record TimersResult(int Executions, int Concurrency, double StartSeconds, Stats Lateness);

/// <summary>
/// T executions of one <c>wait PT2S</c>, started together by C clients; after the last one is due,
/// each is polled until SUCCESS and its task's times are read.
/// </summary>
internal static class Timers
{
    private static readonly TimeSpan PollPause = TimeSpan.FromMilliseconds(250);

    public static async Task<TimersResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var (client, options) = (context.Client, context.Options);
        await client.PostDefinitionAsync(Definitions.Timers, cancellationToken);

        var ids = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Concurrently.RunAsync(options.Timers, options.C, async (_, ct) =>
        {
            var execution = await client.StartAsync(Definitions.TimersName, ct);
            ids.Add(execution is { State: "RUNNING", WaitingKind: "timer" }
                ? execution.Id
                : throw new BenchFailure($"timers: execution {execution.Id} answered {execution.State} waiting on '{execution.WaitingKind}', expected RUNNING waiting on a timer."));
        }, cancellationToken);
        var startSeconds = clock.Elapsed.TotalSeconds;

        // Leave the service alone until the last timer is due, so polling does not compete with the fires.
        await Task.Delay(Definitions.TimerDuration + TimeSpan.FromMilliseconds(500), cancellationToken);
        var pending = ids.ToList();
        while (pending.Count > 0)
        {
            var stillRunning = new ConcurrentBag<string>();
            await Concurrently.RunAsync(pending.Count, options.C, async (i, ct) =>
            {
                var execution = await client.GetAsync(pending[i], ct);
                if (execution.State == "RUNNING")
                {
                    stillRunning.Add(execution.Id);
                }
                else if (execution.State != "SUCCESS")
                {
                    throw new BenchFailure($"timers: execution {execution.Id} is {execution.State}, expected SUCCESS.");
                }
            }, cancellationToken);
            pending = [.. stillRunning];
            if (pending.Count > 0)
            {
                await Task.Delay(PollPause, cancellationToken);
            }
        }

        var lateness = new ConcurrentBag<double>();
        var all = ids.ToList();
        await Concurrently.RunAsync(all.Count, options.C, async (i, ct) =>
        {
            var nap = (await client.TasksAsync(all[i], ct)).SingleOrDefault(t => t.Name == "nap");
            lateness.Add(nap is { State: "SUCCESS", StartedAt: { } started, FinishedAt: { } finished }
                ? (finished - (started + Definitions.TimerDuration)).TotalMilliseconds
                : throw new BenchFailure($"timers: execution {all[i]}'s nap task is {nap?.State ?? "missing"} or lacks started_at / finished_at."));
        }, cancellationToken);

        return new TimersResult(options.Timers, options.C, startSeconds, Stats.Of(lateness));
    }
}
