using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Storage;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;

namespace WfaaS.Scheduler.Jobs;

/// <summary>Hangfire job that fires one durable timer; idempotent: a timer no longer PENDING is left alone.</summary>
public sealed class TimerJob(WfaasDbContext db, ExecutionStore store)
{
    public async Task FireAsync(long timerId, CancellationToken cancellationToken)
    {
        var timer = await db.Timers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == timerId, cancellationToken).ConfigureAwait(false);
        if (timer is not { State: TimerStates.Pending })
        {
            return;
        }

        var kind = Enum.GetValues<TimerKind>().Single(k => WireNames.Of(k) == timer.Kind);
        await store.StepAsync(timer.ExecutionId, new TimerFired(timer.Task, timer.Attempt, kind), cancellationToken).ConfigureAwait(false);
    }
}
