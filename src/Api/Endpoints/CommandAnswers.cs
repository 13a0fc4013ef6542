using Microsoft.AspNetCore.Http.HttpResults;
using WfaaS.Api.Contracts;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>SPEC §5.5, §7: an operator command's outcome as its status code, shared by every command endpoint.</summary>
internal static class CommandAnswers
{
    public static async Task<Results<Ok<ExecutionResponse>, ProblemHttpResult>> RunAsync(
        Guid id, ExecutionEvent command, ExecutionStore store, WaitingView waiting, CancellationToken cancellationToken)
    {
        var outcome = await store.CommandAsync(id, command, cancellationToken);
        if (outcome.Execution is not { } execution)
        {
            return Problems.Problems.NotFound($"Execution '{id}' does not exist.");
        }

        return outcome.Refusal switch
        {
            null => TypedResults.Ok(await waiting.ResponseAsync(execution, cancellationToken)),
            { Kind: CommandRefusalKind.UnknownCheckpoint } refusal => Problems.Problems.Validation(refusal.Detail, [new("checkpoint", refusal.Detail)]),
            var refusal => Problems.Problems.Conflict(refusal.Detail),
        };
    }
}
