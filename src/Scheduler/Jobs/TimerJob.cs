using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WfaaS.Engine.Execution.Events;
using WfaaS.Scheduler.Timers;
using WfaaS.Storage;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;
using WfaaS.Storage.Telemetry;

namespace WfaaS.Scheduler.Jobs;

/// <summary>
/// Fires one durable timer. Whatever path fires it (the wheel, a sweep, this job as Hangfire's
/// retry, a restart), the step decides on the state it loads whether the timer is still live, and
/// deletes its row in the same transaction either way. The fire is a span <c>wfaas.timer</c>
/// under the context the timer row keeps, and where <c>wfaas.timer.lateness</c> is measured (SPEC §10).
/// </summary>
public sealed class TimerJob(WfaasDbContext db, HotReads reads, ExecutionStore store, WfaasTelemetry telemetry, TimeProvider time, ILogger<TimerJob> logger)
{
    /// <summary>The Hangfire path: a timer already fired or cancelled has no row any more.</summary>
    public async Task FireAsync(Guid executionId, long serial, CancellationToken cancellationToken)
    {
        if (await reads.TimerAsync(db, executionId, serial, cancellationToken).ConfigureAwait(false) is { } row)
        {
            await FireAsync(DueTimer.Of(row), preloaded: null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fires <paramref name="timer"/> on its execution's row as read with others' (<see cref="ExecutionStore.PreloadAsync"/>).</summary>
    public async Task FireAsync(DueTimer timer, ExecutionEntity? preloaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var lateness = time.GetUtcNow() - timer.DueAt;
        telemetry.TimerFired(lateness);
        using var activity = WfaasTelemetry.StartFromRow(
            WfaasTelemetry.TimerSpan, ActivityKind.Internal, timer.TraceParent, timer.ExecutionId, WfaasTelemetry.TimerKindAttribute, timer.Task ?? "execution");
        using var scope = ExecutionLog.Scope(logger, timer.ExecutionId);
        Log.TimerFiring(logger, timer.Serial, timer.ExecutionId, lateness.TotalMilliseconds);
        await store.StepAsync(timer.ExecutionId, new TimerFired(timer.Task, timer.Serial), new StepSource.Timer(timer.Serial), preloaded, cancellationToken).ConfigureAwait(false);
    }
}
