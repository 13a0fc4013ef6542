using System.Text.Json;

namespace WfaaS.Api.Contracts;

/// <summary>An approval waiting for a decision.</summary>
/// <param name="ExecutionId">The execution.</param>
/// <param name="Task">The approval task.</param>
/// <param name="Prompt">What to decide.</param>
/// <param name="Approvers">Who may decide, as the definition lists them.</param>
/// <param name="RequestedAt">When the task started waiting.</param>
/// <param name="DueAt">When it times out.</param>
/// <param name="ApproveUrl">Where to post the decision; the token in it is the capability, so it is null for a key that may not act.</param>
internal sealed record ApprovalResponse(
    Guid ExecutionId, string Task, string? Prompt, JsonElement? Approvers, DateTimeOffset RequestedAt, DateTimeOffset? DueAt, string? ApproveUrl);

/// <summary>Approvals, oldest first.</summary>
internal sealed record ApprovalListResponse(IReadOnlyList<ApprovalResponse> Items);
