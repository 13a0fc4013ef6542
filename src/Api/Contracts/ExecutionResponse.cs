using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Contracts;

/// <summary>An execution (SPEC §6 <c>GET /executions/{id}</c>).</summary>
/// <param name="Id">The execution's id.</param>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Version">The definition version it runs.</param>
/// <param name="State"><c>RUNNING</c>, <c>PAUSED</c>, <c>REVERTING</c>, <c>SUCCESS</c>, <c>REVERTED</c>, <c>FAILED</c> or <c>CANCELLED</c>.</param>
/// <param name="Input">The input it was started with.</param>
/// <param name="Output">The definition's <c>output</c> names (every provided symbol when it names none), once SUCCESS.</param>
/// <param name="Error"><c>{task, type, message, failures}</c>: the first failure, and every failure.</param>
/// <param name="Checkpoint">The last checkpoint of the root flow that was reached.</param>
/// <param name="CreatedAt">When it was started.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="FinishedAt">When it reached a final state.</param>
/// <param name="Waiting">The tasks it waits on.</param>
internal sealed record ExecutionResponse(
    Guid Id,
    string Workflow,
    int Version,
    string State,
    JsonElement Input,
    JsonElement? Output,
    ExecutionErrorResponse? Error,
    string? Checkpoint,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<WaitingResponse> Waiting)
{
    /// <summary>Built from the engine state, so the storage format can change without a response changing.</summary>
    public static ExecutionResponse From(StoredExecution execution, IReadOnlyList<WaitingResponse> waiting)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var state = execution.State;
        return new(
            execution.Id,
            execution.Workflow,
            execution.Version,
            WireNames.Of(state.Status),
            state.Input,
            state.Output,
            state.Error is { } error ? ExecutionErrorResponse.From(error) : null,
            state.Checkpoint,
            execution.CreatedAt,
            execution.UpdatedAt,
            state.FinishedAt?.ToUniversalTime(),
            waiting);
    }
}
