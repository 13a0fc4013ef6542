using System.Collections.Concurrent;
using System.Diagnostics;

namespace WfaaS.Bench.Workloads;

/// <summary>
/// timers' figures: lateness of each fire (the <c>nap</c> task's finished_at minus its started_at + 2 s),
/// the same against the due_at the start answer gave (a cross-check), and how long starting them all took.
/// </summary>
internal sealed record TimersResult(int Executions, int Concurrency, double StartSeconds, Stats Lateness, Stats LatenessVsDueAt);

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

        var started = new ConcurrentDictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        await Concurrently.RunAsync(options.Timers, options.C, async (_, ct) =>
        {
            var execution = await client.StartAsync(Definitions.TimersName, ct);
            started[execution.Id] = execution is { State: "RUNNING", WaitingKind: "timer" }
                ? execution.DueAt
                : throw new BenchFailure($"timers: execution {execution.Id} answered {execution.State} waiting on '{execution.WaitingKind}', expected RUNNING waiting on a timer.");
        }, cancellationToken);
        var startSeconds = clock.Elapsed.TotalSeconds;

        // Leave the service alone until the last timer is due, so polling does not compete with the fires.
        await Task.Delay(Definitions.TimerDuration + TimeSpan.FromMilliseconds(500), cancellationToken);
        await UntilSucceeded.RunAsync(client, [.. started.Keys], options.C, PollPause, "timers", cancellationToken);

        var lateness = new ConcurrentBag<double>();
        var latenessVsDueAt = new ConcurrentBag<double>();
        var all = started.ToList();
        await Concurrently.RunAsync(all.Count, options.C, async (i, ct) =>
        {
            var (id, dueAt) = all[i];
            var nap = (await client.TasksAsync(id, ct)).SingleOrDefault(t => t.Name == "nap");
            if (nap is not { State: "SUCCESS", StartedAt: { } napStarted, FinishedAt: { } finished })
            {
                throw new BenchFailure($"timers: execution {id}'s nap task is {nap?.State ?? "missing"} or lacks started_at / finished_at.");
            }

            lateness.Add((finished - (napStarted + Definitions.TimerDuration)).TotalMilliseconds);
            if (dueAt is { } due)
            {
                latenessVsDueAt.Add((finished - due).TotalMilliseconds);
            }
        }, cancellationToken);

        return new TimersResult(options.Timers, options.C, startSeconds, Stats.Of(lateness), Stats.Of(latenessVsDueAt));
    }
}
