using System.Text.Json;
using WfaaS.Engine.Execution;

namespace WfaaS.Api.Contracts;

/// <summary>One task of an execution (SPEC §6 <c>GET /executions/{id}/tasks</c>).</summary>
/// <param name="Name">The task's name.</param>
/// <param name="Uuid">Stable id of this task in this execution.</param>
/// <param name="Action">Its action.</param>
/// <param name="State">Its state (SPEC §4).</param>
/// <param name="Attempt">How many times it was started.</param>
/// <param name="Result">The execute result; kept after a revert.</param>
/// <param name="Error">Why the last attempt or the revert failed.</param>
/// <param name="Version">Bumped on every transition of the task.</param>
/// <param name="Meta">Extra facts, e.g. <c>revert_result</c>.</param>
/// <param name="StartedAt">When the last attempt started.</param>
/// <param name="FinishedAt">When it last finished a phase.</param>
/// <param name="Index">For a <c>for_each</c> element (<c>boot[2]</c>): its index; the item itself has none.</param>
internal sealed record TaskDetailResponse(
    string Name,
    Guid Uuid,
    string Action,
    string State,
    int Attempt,
    JsonElement? Result,
    TaskErrorResponse? Error,
    int Version,
    JsonElement? Meta,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? Index)
{
    public static TaskDetailResponse From(Guid executionId, string action, TaskDetail t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(
            t.Name,
            TaskIds.For(executionId, t.Name),
            action,
            WireNames.Of(t.Status),
            t.Attempt,
            t.Result,
            t.Error is { } error ? new TaskErrorResponse(error.Type, error.Message, error.StackTrace) : null,
            t.Version,
            t.RevertResult is { } revert ? MetaOf(revert) : null,
            t.StartedAt?.ToUniversalTime(),
            t.FinishedAt?.ToUniversalTime(),
            t.Index);
    }

    private static JsonElement MetaOf(JsonElement revertResult)
    {
        using var document = JsonDocument.Parse($"{{\"revert_result\":{revertResult.GetRawText()}}}");
        return document.RootElement.Clone();
    }
}
