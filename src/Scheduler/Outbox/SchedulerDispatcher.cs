using Hangfire;
using Microsoft.Extensions.Logging;
using WfaaS.Scheduler.Jobs;
using WfaaS.Scheduler.Timers;
using WfaaS.Storage.Executions;

namespace WfaaS.Scheduler.Outbox;

/// <summary>After a step commits: timers go to the wheel, outbox rows to the in-process runner (SPEC §1).</summary>
public sealed class SchedulerDispatcher(TimerWheel wheel, OutboxRunner runner) : ICommitDispatcher
{
    public void Dispatch(StepCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        foreach (var timer in commit.Timers)
        {
            wheel.Add(DueTimer.Of(timer));
        }

        foreach (var row in commit.Outbox)
        {
            runner.Enqueue(row.Id);
        }
    }

    /// <summary>Hands an outbox row to Hangfire, the durable retry path.</summary>
    internal static void Enqueue(IBackgroundJobClient jobs, long outboxId, ILogger logger)
    {
        try
        {
            jobs.Enqueue<OutboxJob>(job => job.RunAsync(outboxId, CancellationToken.None));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.OutboxEnqueueFailed(logger, outboxId, e);
        }
    }
}
