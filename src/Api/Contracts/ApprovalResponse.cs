using System.Text.Json;

namespace WfaaS.Api.Contracts;

/// <summary>An approval waiting for a decision (SPEC §6 <c>GET /approvals</c>).</summary>
/// <param name="ExecutionId">The execution.</param>
/// <param name="Task">The approval task.</param>
/// <param name="Prompt">What to decide.</param>
/// <param name="Approvers">Who may decide, as the definition lists them; null when whoever holds the link decides.</param>
/// <param name="Quorum">How many approvals pass the task (SPEC §3.4.1).</param>
/// <param name="RequestedAt">When the task started waiting.</param>
/// <param name="DueAt">When it times out.</param>
/// <param name="ApproveUrl">Without approvers: where to post the decision. The token in it is the capability, so it is null for a key that may not act (SPEC §8).</param>
/// <param name="ApproveUrls">With approvers: each approver who has not decided yet and the link that decides as them; null for a key that may not act.</param>
internal sealed record ApprovalResponse(
    Guid ExecutionId,
    string Task,
    string? Prompt,
    JsonElement? Approvers,
    int Quorum,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DueAt,
    string? ApproveUrl,
    IReadOnlyDictionary<string, string>? ApproveUrls);

/// <summary>Approvals, oldest first.</summary>
internal sealed record ApprovalListResponse(IReadOnlyList<ApprovalResponse> Items);
