using WfaaS.Api.Contracts;
using WfaaS.Engine.Execution;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>An execution as GET shows it, with <c>waiting: [{task, kind, callback_url?, due_at?}]</c> (SPEC §6); <c>callback_url</c> only when <c>capabilityUrls</c> (SPEC §8).</summary>
internal sealed class WaitingView(ExecutionReader reader, CallbackTokens tokens, PublicUrls urls, bool capabilityUrls)
{
    public Task<ExecutionResponse> ResponseAsync(ExecutionEntity execution, CancellationToken cancellationToken) =>
        ResponseAsync(execution, known: null, cancellationToken);

    /// <param name="execution">The execution row.</param>
    /// <param name="known">Its live tokens and pending timers when the caller has them (it just created them); read otherwise.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ExecutionResponse> ResponseAsync(ExecutionEntity execution, ExecutionWaits? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var waitingTasks = execution.State is "SUCCESS" or "REVERTED" or "FAILED" or "CANCELLED"
            ? []
            : TaskDetailsJson.Waiting(execution.TasksJson);
        if (waitingTasks.Count == 0)
        {
            return ExecutionResponse.From(execution, []);
        }

        var (live, timers) = known ?? await reader.WaitsAsync(execution.Id, cancellationToken);
        var waiting = waitingTasks.Select(task =>
        {
            var kind = KindOf(task.Action);
            var token = live.FirstOrDefault(t => t.Task == task.Name && t.Attempt == task.Detail.Attempt);
            var due = timers.Where(t => t.Task == task.Name && t.Attempt == task.Detail.Attempt && t.Kind is "WAIT" or "TIMEOUT")
                .Select(t => (DateTime?)t.DueAt).Min();
            return new WaitingResponse(
                task.Name,
                WireNames.Of(kind).ToLowerInvariant(),
                capabilityUrls && kind == WaitKind.Callback && token is not null ? urls.Callback(tokens.TokenFor(token.Nonce)) : null,   // SPEC §8
                ContractJson.Utc(due));
        });
        return ExecutionResponse.From(execution, [.. waiting]);
    }

    private static WaitKind KindOf(string action) => action switch
    {
        "wait" => WaitKind.Timer,
        "approval" => WaitKind.Approval,
        "workflow" => WaitKind.Child,
        _ => WaitKind.Callback,
    };
}
