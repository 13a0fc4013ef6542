using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>
/// Outbox rows between parent and child executions (SPEC §3.4 <c>workflow</c>): a child that finishes
/// tells its parent; a parent task that stops waiting (cancelled, reverted, timed out) cancels its child.
/// </summary>
public static class ChildNotices
{
    public const string NotifyParent = "NotifyParent";
    public const string CancelChild = "CancelChild";

    public sealed record ParentNotice(Guid ParentExecutionId, string Task, int Attempt, bool Succeeded, JsonElement? Output, TaskError? Error);

    public sealed record CancelNotice(Guid ParentExecutionId, string Task, int Attempt);

    internal static OutboxEntity ToParent(ExecutionEntity child, ExecutionState state, DateTimeOffset now)
    {
        var succeeded = state.Status == ExecutionStatus.Success;
        var error = succeeded ? null : new TaskError(
            state.Error?.Type ?? "ChildFailed",
            $"Child execution {child.Id} ended {WireNames.Of(state.Status)}" + (state.Error is { } e ? $": {e.Message}" : "."));
        return Row(child.ParentExecutionId!.Value, NotifyParent,
            new ParentNotice(child.ParentExecutionId.Value, child.ParentTask!, child.ParentAttempt!.Value, succeeded, state.Output, error), now);
    }

    internal static OutboxEntity ToChild(Guid parentId, string task, int attempt, DateTimeOffset now) =>
        Row(parentId, CancelChild, new CancelNotice(parentId, task, attempt), now);

    private static OutboxEntity Row<T>(Guid executionId, string kind, T payload, DateTimeOffset now) => new()
    {
        ExecutionId = executionId,
        Kind = kind,
        PayloadJson = JsonSerializer.Serialize(payload, OutboxJson.Options),
        CreatedAt = now.UtcDateTime,
    };
}
