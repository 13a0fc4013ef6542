using WfaaS.Api.Hosting;
using WfaaS.Api.Contracts;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>
/// An execution as GET shows it, with <c>waiting: [{task, kind, callback_url?, due_at?}]</c> (SPEC §6):
/// what each task waits for and until when is engine state; only a callback URL needs its token,
/// and it is shown only when <c>capabilityUrls</c> (SPEC §8).
/// </summary>
internal sealed class WaitingView(ExecutionReader reader, CallbackTokens tokens, PublicUrls urls, bool capabilityUrls)
{
    public Task<ExecutionResponse> ResponseAsync(StoredExecution execution, CancellationToken cancellationToken) =>
        ResponseAsync(execution, known: null, cancellationToken);

    /// <param name="execution">The execution.</param>
    /// <param name="known">Its live tokens when the caller has them (it just minted them); read otherwise.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ExecutionResponse> ResponseAsync(StoredExecution execution, IReadOnlyList<TokenEntity>? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var state = execution.State;
        var waiting = state.IsFinished
            ? []
            : state.OrderedTasks().Where(t => t.Status == TaskDetailStatus.Waiting && t.Wait is not null).ToList();
        if (waiting.Count == 0)
        {
            return ExecutionResponse.From(execution, []);
        }

        var live = waiting.Any(t => t.Wait == WaitKind.Callback) ? known ?? await reader.LiveTokensAsync(execution.Id, cancellationToken) : [];
        return ExecutionResponse.From(execution, [.. waiting.Select(task =>
        {
            var token = task.Wait == WaitKind.Callback ? live.FirstOrDefault(t => t.Task == task.Name && t.Attempt == task.Attempt) : null;
            var due = task.Timers.Where(t => t.Kind is TimerKind.Wait or TimerKind.Timeout).Select(t => (DateTimeOffset?)t.DueAt).Min();
            return new WaitingResponse(
                task.Name,
                WireNames.Of(task.Wait!.Value).ToLowerInvariant(),
                capabilityUrls && token is not null ? urls.Callback(tokens.TokenFor(token.Nonce)) : null,   // SPEC §8
                due?.ToUniversalTime());
        })]);
    }
}
