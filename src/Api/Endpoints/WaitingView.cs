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
    /// <summary>
    /// The execution with what its tasks wait for. A callback URL is signed from the nonce its task
    /// keeps, so state and URL come from one read; only a task waiting on a token from before signed
    /// tokens (no nonce on it) needs that token's row.
    /// </summary>
    public async Task<ExecutionResponse> ResponseAsync(StoredExecution execution, CancellationToken cancellationToken)
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

        var legacy = capabilityUrls && waiting.Any(t => t is { Wait: WaitKind.Callback, Tokens.IsEmpty: true })
            ? await reader.LiveTokensAsync(execution.Id, cancellationToken)
            : [];
        return ExecutionResponse.From(execution, [.. waiting.Select(task =>
        {
            var due = task.Timers.Where(t => t.Kind is TimerKind.Wait or TimerKind.Timeout).Select(t => (DateTimeOffset?)t.DueAt).Min();
            return new WaitingResponse(
                task.Name,
                WireNames.Of(task.Wait!.Value).ToLowerInvariant(),
                capabilityUrls && task.Wait == WaitKind.Callback ? CallbackUrl(execution.Id, task, legacy) : null,   // SPEC §8
                due?.ToUniversalTime());
        })]);
    }

    private string? CallbackUrl(Guid id, TaskDetail task, IReadOnlyList<TokenEntity> legacy)
    {
        if (!task.Tokens.IsEmpty)
        {
            return urls.Callback(tokens.Mint(id, WaitKind.Callback, task.Name, task.Attempt, task.Tokens[0].Nonce));
        }

        return legacy.FirstOrDefault(t => t.Task == task.Name && t.Attempt == task.Attempt) is { } row ? urls.Callback(tokens.TokenFor(row.Nonce)) : null;
    }
}
