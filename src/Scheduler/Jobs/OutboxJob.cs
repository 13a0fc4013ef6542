using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Scheduler.Runners;
using WfaaS.Storage;
using WfaaS.Storage.Executions;

namespace WfaaS.Scheduler.Jobs;

/// <summary>
/// Hangfire job that carries out one outbox row (SPEC §1, §5.7: at least once). It re-checks that
/// the task still waits for this attempt before doing anything, and reports back as an event whose
/// step marks the row done in the same transaction.
/// </summary>
public sealed class OutboxJob(
    WfaasDbContext db, ExecutionReader reader, ExecutionStore store, HttpActionRunner http, DelegateRunner delegates, ChildStarter children, ILogger<OutboxJob> logger)
{
    private static readonly JsonSerializerOptions PayloadOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public async Task RunAsync(long outboxId, CancellationToken cancellationToken)
    {
        var row = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(o => o.Id == outboxId, cancellationToken).ConfigureAwait(false);
        if (row is null || row.DispatchedAt is not null)
        {
            return;
        }

        switch (row.Kind)
        {
            case nameof(RunAction):
                var run = JsonSerializer.Deserialize<RunAction>(row.PayloadJson, PayloadOptions)!;
                if (run.Action != "http")
                {
                    Log.NoRunner(logger, run.Action, outboxId);
                    return;
                }

                if (!await IsCurrentAsync(row.ExecutionId, run.Task, run.Attempt, TaskDetailStatus.Running, cancellationToken).ConfigureAwait(false))
                {
                    await store.MarkOutboxDoneAsync(outboxId, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var outcome = await http.RunAsync(row.ExecutionId, run.Task, run.Attempt, run.Input, cancellationToken).ConfigureAwait(false);
                ExecutionEvent reported = outcome.Error is { } error
                    ? new ActionFailed(run.Task, run.Attempt, error)
                    : new ActionCompleted(run.Task, run.Attempt, outcome.Result);
                await store.StepAsync(row.ExecutionId, reported, outboxId, cancellationToken).ConfigureAwait(false);
                break;
            case nameof(RunRevert):
                var revert = JsonSerializer.Deserialize<RunRevert>(row.PayloadJson, PayloadOptions)!;
                if (revert.Action != "http")
                {
                    Log.NoRunner(logger, revert.Action, outboxId);
                    return;
                }

                if (!await IsCurrentAsync(row.ExecutionId, revert.Task, revert.Attempt, TaskDetailStatus.Reverting, cancellationToken).ConfigureAwait(false))
                {
                    await store.MarkOutboxDoneAsync(outboxId, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var reverted = await http.RunAsync(row.ExecutionId, revert.Task, revert.Attempt, revert.Input, cancellationToken).ConfigureAwait(false);
                ExecutionEvent report = reverted.Error is { } revertError
                    ? new RevertFailed(revert.Task, revert.Attempt, revertError)
                    : new RevertCompleted(revert.Task, revert.Attempt, reverted.Result);
                await store.StepAsync(row.ExecutionId, report, outboxId, cancellationToken).ConfigureAwait(false);
                break;
            case nameof(SendDelegateRequest):
                var send = JsonSerializer.Deserialize<SendDelegateRequest>(row.PayloadJson, PayloadOptions)!;
                if (!await IsCurrentAsync(row.ExecutionId, send.Task, send.Attempt, TaskDetailStatus.Waiting, cancellationToken).ConfigureAwait(false))
                {
                    await store.MarkOutboxDoneAsync(outboxId, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var sendError = await delegates.SendAsync(row.ExecutionId, send.Task, send.Attempt, send.Input, send.DueAt, cancellationToken).ConfigureAwait(false);
                if (sendError is null)
                {
                    await store.MarkOutboxDoneAsync(outboxId, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await store.StepAsync(row.ExecutionId, new ActionFailed(send.Task, send.Attempt, sendError), outboxId, cancellationToken).ConfigureAwait(false);
                }

                break;
            case nameof(StartChildExecution):
                var start = JsonSerializer.Deserialize<StartChildExecution>(row.PayloadJson, PayloadOptions)!;
                if (!await IsCurrentAsync(row.ExecutionId, start.Task, start.Attempt, TaskDetailStatus.Waiting, cancellationToken).ConfigureAwait(false))
                {
                    await store.MarkOutboxDoneAsync(outboxId, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var startError = await children.StartAsync(row.ExecutionId, start, cancellationToken).ConfigureAwait(false);
                if (startError is null)
                {
                    await store.MarkOutboxDoneAsync(outboxId, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await store.StepAsync(row.ExecutionId, new ActionFailed(start.Task, start.Attempt, startError), outboxId, cancellationToken).ConfigureAwait(false);
                }

                break;
            case ChildNotices.NotifyParent:
                var notice = JsonSerializer.Deserialize<ChildNotices.ParentNotice>(row.PayloadJson, PayloadOptions)!;
                await store.StepAsync(
                    notice.ParentExecutionId,
                    new ChildFinished(notice.Task, notice.Attempt, notice.Succeeded, notice.Output, notice.Error),
                    outboxId,
                    cancellationToken).ConfigureAwait(false);
                await store.MarkOutboxDoneAsync(outboxId, cancellationToken).ConfigureAwait(false);
                break;
            case ChildNotices.CancelChild:
                var cancel = JsonSerializer.Deserialize<ChildNotices.CancelNotice>(row.PayloadJson, PayloadOptions)!;
                await children.CancelAsync(new ParentLink(cancel.ParentExecutionId, cancel.Task, cancel.Attempt), cancellationToken).ConfigureAwait(false);
                await store.MarkOutboxDoneAsync(outboxId, cancellationToken).ConfigureAwait(false);
                break;
            default:
                Log.NoRunner(logger, row.Kind, outboxId);
                break;
        }
    }

    private async Task<bool> IsCurrentAsync(Guid executionId, string task, int attempt, TaskDetailStatus status, CancellationToken cancellationToken) =>
        await reader.TaskAsync(executionId, task, cancellationToken).ConfigureAwait(false) is { } detail && detail.Attempt == attempt && detail.Status == status;
}
