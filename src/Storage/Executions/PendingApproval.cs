using System.Collections.Immutable;

namespace WfaaS.Storage.Executions;

/// <summary>
/// An approval waiting for a decision (SPEC §6 <c>GET /approvals?state=pending</c>): one per waiting
/// task, with the token of whoever may still decide — <paramref name="SharedToken"/> without
/// approvers, <paramref name="ApproverTokens"/> (approver → token) with them.
/// </summary>
public sealed record PendingApproval(
    Guid ExecutionId,
    string Task,
    string? Prompt,
    ImmutableArray<string> Approvers,
    int Quorum,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DueAt,
    string? SharedToken,
    IReadOnlyDictionary<string, string> ApproverTokens);
