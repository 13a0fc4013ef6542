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
    public static ExecutionState ToState(ExecutionEntity execution, IEnumerable<TaskDetailEntity> tasks, ExecutionPlan plan) =>
        new(
            execution.Id,
            plan,
            WireState.Parse<ExecutionStatus>(execution.State),
            StoredJson.Read(execution.InputJson)!.Value,
            StoredJson.ReadSymbols(execution.SymbolsJson),
            tasks.ToImmutableDictionary(t => t.Name, ToDetail, StringComparer.Ordinal),
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
        execution.LastSeq = state.LastSeq;
        execution.UpdatedAt = now.UtcDateTime;
        execution.FinishedAt = state.FinishedAt?.UtcDateTime;
    }

    public static void Apply(TaskDetail detail, TaskDetailEntity entity)
    {
        entity.State = WireNames.Of(detail.Status);
        entity.Attempt = detail.Attempt;
        entity.ResultJson = StoredJson.Write(detail.Result);
        entity.ErrorType = detail.Error?.Type;
        entity.ErrorMessage = detail.Error?.Message;
        entity.ErrorStackTrace = detail.Error?.StackTrace;
        entity.Version = detail.Version;
        entity.MetaJson = detail.RevertResult is { } revert ? $"{{\"revert_result\":{revert.GetRawText()}}}" : null;
        entity.StartedAt = detail.StartedAt?.UtcDateTime;
        entity.FinishedAt = detail.FinishedAt?.UtcDateTime;
    }

    public static TaskDetailEntity NewTask(Guid executionId, PlannedTask task) => new()
    {
        ExecutionId = executionId,
        Name = task.Name,
        Position = task.Order,
        Uuid = TaskIds.For(executionId, task.Name),
        Action = task.Node.Action,
        State = WireNames.Of(TaskDetailStatus.Pending),
    };

    public static HistoryEntity ToEntity(Guid executionId, HistoryRecord record) => new()
    {
        ExecutionId = executionId,
        Seq = record.Seq,
        At = record.At.UtcDateTime,
        Subject = WireNames.Of(record.Subject).ToLowerInvariant(),
        Name = record.Name,
        From = record.From,
        To = record.To,
        Attempt = record.Attempt,
        Cause = record.Cause.Length > 300 ? record.Cause[..300] : record.Cause,
    };

    public static OutboxEntity ToOutbox(Guid executionId, Effect effect, DateTimeOffset now) => new()
    {
        ExecutionId = executionId,
        Kind = effect.GetType().Name,
        PayloadJson = JsonSerializer.Serialize(effect, effect.GetType(), OutboxJson.Options),
        CreatedAt = now.UtcDateTime,
    };

    private static TaskDetail ToDetail(TaskDetailEntity t) => new(
        t.Name,
        WireState.Parse<TaskDetailStatus>(t.State),
        t.Attempt,
        StoredJson.Read(t.ResultJson),
        t.ErrorType is null ? null : new TaskError(t.ErrorType, t.ErrorMessage ?? string.Empty, t.ErrorStackTrace),
        t.Version,
        StoredJson.Read(t.MetaJson) is { } meta && meta.TryGetProperty("revert_result", out var revert) ? revert.Clone() : null,
        Utc(t.StartedAt),
        Utc(t.FinishedAt));

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
