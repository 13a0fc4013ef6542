using System.Collections.Immutable;
using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>Rows ⇄ the engine's <see cref="ExecutionState"/>.</summary>
internal static class ExecutionMapper
{
    public static ExecutionState ToState(ExecutionEntity execution, ExecutionPlan plan) =>
        new(
            execution.Id,
            plan,
            WireState.Parse<ExecutionStatus>(execution.State),
            StoredJson.Read(execution.InputJson)!.Value,
            StoredJson.ReadSymbols(execution.SymbolsJson),
            TaskDetailsJson.ReadDetails(execution.TasksJson),
            StoredJson.ReadStates<CheckpointStatus>(execution.CheckpointsJson),
            StoredJson.Read(execution.OutputJson),
            StoredJson.ReadError(execution.ErrorJson),
            execution.Checkpoint,
            execution.StopAt,
            execution.LastSeq,
            Utc(execution.FinishedAt),
            execution.RevertTo,
            execution.AfterRevert is { } after ? WireState.Parse<AfterRevert>(after) : AfterRevert.End,
            execution.ScopeRetriesJson is { } retries ? JsonSerializer.Deserialize<Dictionary<string, int>>(retries)!.ToImmutableDictionary(StringComparer.Ordinal) : null,
            execution.RetryingScope,
            execution.ScopeHold,
            execution.Runs,
            execution.RepeatHold);

    /// <summary>Copies <paramref name="state"/> onto the execution row (the caller bumps the row version).</summary>
    public static void Apply(ExecutionState state, ExecutionEntity execution, DateTimeOffset now)
    {
        execution.State = WireNames.Of(state.Status);
        execution.OutputJson = StoredJson.Write(state.Output);
        execution.ErrorJson = StoredJson.WriteError(state.Error);
        execution.Checkpoint = state.Checkpoint;
        execution.StopAt = state.StopAt;
        execution.RevertTo = state.RevertTo;
        execution.ScopeRetriesJson = state.ScopeRetries is { IsEmpty: false } retries ? JsonSerializer.Serialize(retries) : null;
        execution.RetryingScope = state.RetryingScope;
        execution.ScopeHold = state.ScopeHold;
        execution.Runs = state.Runs;
        execution.RepeatHold = state.RepeatHold;
        execution.AfterRevert = state.AfterRevert == AfterRevert.End ? null : WireNames.Of(state.AfterRevert);
        execution.SymbolsJson = StoredJson.WriteSymbols(state.Symbols);
        execution.CheckpointsJson = StoredJson.WriteStates(state.Checkpoints);
        execution.TasksJson = TaskDetailsJson.Write(state.Plan, state.Tasks);
        execution.LastSeq = state.LastSeq;
        execution.UpdatedAt = now.UtcDateTime;
        execution.FinishedAt = state.FinishedAt?.UtcDateTime;
    }

    public static OutboxEntity ToOutbox(Guid executionId, Effect effect, DateTimeOffset now) => new()
    {
        ExecutionId = executionId,
        Kind = effect.GetType().Name,
        PayloadJson = JsonSerializer.Serialize(effect, effect.GetType(), OutboxJson.Options),
        CreatedAt = now.UtcDateTime,
    };

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
