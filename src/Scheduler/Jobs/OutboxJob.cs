using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Scheduler.Runners;
using WfaaS.Storage;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;
using WfaaS.Storage.Telemetry;

namespace WfaaS.Scheduler.Jobs;

/// <summary>
/// Carries out one outbox row (SPEC §1, §5.7: at least once), one small handler per effect behind
/// one template: still current? → run → report. The report is an event whose step marks the row
/// done in the same transaction. Whatever a runner throws is that attempt's failure, handled by the
/// task's own retry and timeout, never a job failure left to Hangfire's schedule. The job is a span
/// <c>wfaas.outbox</c> under the context the row keeps, so its HTTP call and its report join the
/// trace of the step that wrote the row, and where <c>wfaas.outbox.lag</c> is measured (SPEC §10).
/// </summary>
public sealed class OutboxJob(
    WfaasDbContext db, ExecutionReader reader, ExecutionStore store, HttpActionRunner http, DelegateRunner delegates, ChildStarter children,
    WfaasTelemetry telemetry, TimeProvider time, ILogger<OutboxJob> logger)
{
    public async Task RunAsync(long outboxId, CancellationToken cancellationToken)
    {
        var row = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(o => o.Id == outboxId, cancellationToken).ConfigureAwait(false);
        if (row is null || row.DispatchedAt is not null)
        {
            return;
        }

        telemetry.OutboxRun(time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)), row.Kind);
        using var activity = WfaasTelemetry.StartFromRow(
            WfaasTelemetry.OutboxSpan, ActivityKind.Consumer, row.TraceParent, row.ExecutionId, WfaasTelemetry.OutboxKindAttribute, row.Kind);
        using var scope = ExecutionLog.Scope(logger, row.ExecutionId);
        Log.OutboxRunning(logger, row.Id, row.Kind, row.ExecutionId);
        switch (Read(row))
        {
            case SendHttpRequest send:
                await AttemptAsync(row, send.Task, send.Attempt, TaskDetailStatus.Running,
                    async ct => (await http.RunAsync(row.ExecutionId, send.Task, send.Attempt, send.Input, ct).ConfigureAwait(false)).Report(
                        result => new ActionCompleted(send.Task, send.Attempt, result), error => new ActionFailed(send.Task, send.Attempt, error)),
                    error => new ActionFailed(send.Task, send.Attempt, error), cancellationToken).ConfigureAwait(false);
                break;
            case SendRevertRequest revert:
                await AttemptAsync(row, revert.Task, revert.Attempt, TaskDetailStatus.Reverting,
                    async ct => (await http.RunAsync(row.ExecutionId, revert.Task, revert.Attempt, revert.Input, ct).ConfigureAwait(false)).Report(
                        result => new RevertCompleted(revert.Task, revert.Attempt, result), error => new RevertFailed(revert.Task, revert.Attempt, error)),
                    error => new RevertFailed(revert.Task, revert.Attempt, error), cancellationToken).ConfigureAwait(false);
                break;
            case SendDelegateRequest send:
                await AttemptAsync(row, send.Task, send.Attempt, TaskDetailStatus.Waiting,
                    async ct => await delegates.SendAsync(row.ExecutionId, send.Task, send.Attempt, send.Input, send.DueAt, ct).ConfigureAwait(false) is { } error
                        ? new ActionFailed(send.Task, send.Attempt, error)
                        : null,
                    error => new ActionFailed(send.Task, send.Attempt, error), cancellationToken).ConfigureAwait(false);
                break;
            case StartChildExecution start:
                await AttemptAsync(row, start.Task, start.Attempt, TaskDetailStatus.Waiting,
                    async ct => await children.StartAsync(row.ExecutionId, start, ct).ConfigureAwait(false) is { } error
                        ? new ActionFailed(start.Task, start.Attempt, error)
                        : null,
                    error => new ActionFailed(start.Task, start.Attempt, error), cancellationToken).ConfigureAwait(false);
                break;
            case NotifyParent notify:
                await store.StepAsync(notify.Parent.ExecutionId, notify.Finished, new StepSource.Outbox(row.Id), cancellationToken).ConfigureAwait(false);
                await store.MarkOutboxDoneAsync(row.Id, cancellationToken).ConfigureAwait(false);
                break;
            case CancelChild cancel:
                await children.CancelAsync(new ParentLink(row.ExecutionId, cancel.Task, cancel.Attempt), cancellationToken).ConfigureAwait(false);
                await store.MarkOutboxDoneAsync(row.Id, cancellationToken).ConfigureAwait(false);
                break;
            default:
                Log.UnknownOutboxRow(logger, row.Kind, row.Id);
                await store.MarkOutboxDoneAsync(row.Id, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Runs the work of attempt <paramref name="attempt"/> only while the task is still in
    /// <paramref name="expected"/> at that attempt; reports what it did (null: nothing to report,
    /// the row is simply done). An exception is the attempt's failure.
    /// </summary>
    private async Task AttemptAsync(
        OutboxEntity row, string task, int attempt, TaskDetailStatus expected,
        Func<CancellationToken, Task<ExecutionEvent?>> run, Func<TaskError, ExecutionEvent> failed, CancellationToken cancellationToken)
    {
        if (await reader.TaskAsync(row.ExecutionId, task, cancellationToken).ConfigureAwait(false) is not { } detail
            || detail.Attempt != attempt || detail.Status != expected)
        {
            await store.MarkOutboxDoneAsync(row.Id, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The work waits on another system, for up to the task's timeout: the connection the reads
        // above opened goes back to the pool meanwhile, or in-flight calls would be capped by the
        // pool's size (100 on PostgreSQL: 77 calls at once were seen, and starts waited for one).
        await db.Database.ReleaseConnectionAsync().ConfigureAwait(false);
        ExecutionEvent? report;
        try
        {
            report = await run(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RunnerFailed(logger, row.Kind, row.Id, e);
            report = failed(new TaskError("RunnerError", $"{e.GetType().Name}: {e.Message}"));
        }

        if (report is null)
        {
            await store.MarkOutboxDoneAsync(row.Id, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await store.StepAsync(row.ExecutionId, report, new StepSource.Outbox(row.Id), cancellationToken).ConfigureAwait(false);
        }
    }

    private static Effect? Read(OutboxEntity row) => row.Kind switch
    {
        nameof(SendHttpRequest) => Deserialize<SendHttpRequest>(row),
        nameof(SendRevertRequest) => Deserialize<SendRevertRequest>(row),
        nameof(SendDelegateRequest) => Deserialize<SendDelegateRequest>(row),
        nameof(StartChildExecution) => Deserialize<StartChildExecution>(row),
        nameof(NotifyParent) => Deserialize<NotifyParent>(row),
        nameof(CancelChild) => Deserialize<CancelChild>(row),
        _ => null,
    };

    private static T Deserialize<T>(OutboxEntity row)
        where T : Effect => JsonSerializer.Deserialize<T>(row.PayloadJson, OutboxJson.Options)!;
}
