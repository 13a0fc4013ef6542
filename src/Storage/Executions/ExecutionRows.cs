using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage.Executions;

/// <summary>Execution rows ⇄ the engine's <see cref="ExecutionState"/>.</summary>
internal static class ExecutionRows
{
    private static readonly string[] StepColumns =
    [
        nameof(ExecutionEntity.State), nameof(ExecutionEntity.RowVersion), nameof(ExecutionEntity.Data),
        nameof(ExecutionEntity.UpdatedAt), nameof(ExecutionEntity.FinishedAt),
    ];

    public static ExecutionState ToState(ExecutionEntity row, ExecutionPlan plan, Dictionary<string, (TaskDetail Task, JsonElement Json)>? stored = null) =>
        ExecutionStateJson.Read(row.Id, plan, WireState.Parse<ExecutionStatus>(row.State), row.InputJson, row.Data, Utc(row.FinishedAt), stored);

    public static StoredExecution ToStored(ExecutionEntity row, ExecutionState state) =>
        new(row.Id, row.WorkflowName, row.WorkflowVersion, Utc(row.CreatedAt), Utc(row.UpdatedAt), state);

    /// <summary>Copies what a step may change onto <paramref name="row"/>; <paramref name="stored"/> as <see cref="ExecutionStateJson.Write"/> takes it.</summary>
    public static void Apply(ExecutionState state, ExecutionEntity row, DateTimeOffset now, IReadOnlyDictionary<string, (TaskDetail Task, JsonElement Json)>? stored = null)
    {
        row.State = WireNames.Of(state.Status);
        row.Data = ExecutionStateJson.Write(state, stored);
        row.UpdatedAt = now.UtcDateTime;
        row.FinishedAt = state.FinishedAt?.UtcDateTime;
    }

    /// <summary>The step's write of the row: only if nobody stepped since it was loaded at <paramref name="expectedVersion"/>.</summary>
    public static Statement Update(RowSql sql, ExecutionEntity row, int expectedVersion) =>
        sql.Update<ExecutionEntity>(
            [(StepColumns[0], row.State), (StepColumns[1], row.RowVersion), (StepColumns[2], row.Data), (StepColumns[3], row.UpdatedAt), (StepColumns[4], row.FinishedAt)],
            [(nameof(ExecutionEntity.Id), row.Id), (nameof(ExecutionEntity.RowVersion), expectedVersion)]) with { IsCheck = true };

    public static OutboxEntity ToOutbox(Guid executionId, Effect effect, DateTimeOffset now) => new()
    {
        ExecutionId = executionId,
        Kind = effect.GetType().Name,
        PayloadJson = JsonSerializer.Serialize(effect, effect.GetType(), OutboxJson.Options),
        CreatedAt = now.UtcDateTime,
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
