using WfaaS.Engine.Execution.Events;
using WfaaS.Scheduler.Timers;
using WfaaS.Storage;
using WfaaS.Storage.Executions;

namespace WfaaS.Scheduler.Jobs;

/// <summary>
/// Fires one durable timer. Whatever path fires it (the wheel, a sweep, this job as Hangfire's
/// retry, a restart), the step decides on the state it loads whether the timer is still live, and
/// deletes its row in the same transaction either way.
/// </summary>
public sealed class TimerJob(WfaasDbContext db, HotReads reads, ExecutionStore store)
{
    /// <summary>The Hangfire path: a timer already fired or cancelled has no row any more.</summary>
    public async Task FireAsync(Guid executionId, long serial, CancellationToken cancellationToken)
    {
        if (await reads.TimerAsync(db, executionId, serial, cancellationToken).ConfigureAwait(false) is { } row)
        {
            await FireAsync(DueTimer.Of(row), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task FireAsync(DueTimer timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return store.StepAsync(timer.ExecutionId, new TimerFired(timer.Task, timer.Serial), new StepSource.Timer(timer.Serial), cancellationToken);
    }
}
