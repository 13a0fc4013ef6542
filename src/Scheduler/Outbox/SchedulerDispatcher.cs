using Hangfire;
using Microsoft.Extensions.Logging;
using WfaaS.Scheduler.Jobs;
using WfaaS.Scheduler.Timers;
using WfaaS.Storage.Executions;

namespace WfaaS.Scheduler.Outbox;

/// <summary>After a step commits: timers go to the wheel, outbox rows become Hangfire jobs (SPEC §1).</summary>
public sealed class SchedulerDispatcher(TimerWheel wheel, IBackgroundJobClient jobs, ILogger<SchedulerDispatcher> logger) : ICommitDispatcher
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
            Enqueue(jobs, row.Id, logger);
        }
    }

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
