using System.Text.Json;
using WfaaS.Storage.Entities;

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
    DateTimeOffset? FinishedAt)
{
    public static TaskDetailResponse From(TaskDetailEntity t) => new(
        t.Name,
        t.Uuid,
        t.Action,
        t.State,
        t.Attempt,
        ContractJson.Parse(t.ResultJson),
        t.ErrorType is null ? null : new TaskErrorResponse(t.ErrorType, t.ErrorMessage ?? string.Empty, t.ErrorStackTrace),
        t.Version,
        ContractJson.Parse(t.MetaJson),
        ContractJson.Utc(t.StartedAt),
        ContractJson.Utc(t.FinishedAt));
}
