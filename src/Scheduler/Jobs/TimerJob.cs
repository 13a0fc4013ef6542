using WfaaS.Engine.Execution.Events;
using WfaaS.Scheduler.Timers;
using WfaaS.Storage;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;

namespace WfaaS.Scheduler.Jobs;

/// <summary>
/// Fires one durable timer. Idempotent: by id (the Hangfire path) a timer no longer PENDING is left
/// alone; from the wheel, which already holds the row, the step itself ignores a timer whose task
/// has moved on (and marks nothing FIRED that is not PENDING).
/// </summary>
public sealed class TimerJob(WfaasDbContext db, HotReads reads, ExecutionStore store)
{
    public async Task FireAsync(long timerId, CancellationToken cancellationToken)
    {
        var timer = await reads.TimerAsync(db, timerId, cancellationToken).ConfigureAwait(false);
        if (timer is not { State: TimerStates.Pending })
        {
            return;
        }

        await FireAsync(DueTimer.Of(timer), cancellationToken).ConfigureAwait(false);
    }

    public Task FireAsync(DueTimer timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return store.StepAsync(timer.ExecutionId, new TimerFired(timer.Task, timer.Attempt, timer.Kind), cancellationToken);
    }
}
