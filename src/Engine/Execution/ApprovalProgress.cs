using System.Collections.Immutable;

namespace WfaaS.Engine.Execution;

/// <summary>
/// SPEC §3.4.1: an approval task's attempt while it waits — who may decide, how many approvals pass
/// it, and every decision so far in order. Without <c>approvers</c>, one link decides and
/// <see cref="Quorum"/> is 1.
/// </summary>
/// <param name="Approvers">The approvers named in the input, one link each; empty when anyone holding the one link decides.</param>
/// <param name="Quorum">Approvals needed to pass (1 ≤ quorum ≤ approvers).</param>
public sealed record ApprovalProgress(ImmutableArray<string> Approvers, int Quorum)
{
    /// <summary>Every decision taken so far, oldest first.</summary>
    public ImmutableArray<ApprovalDecision> Decisions { get; init; } = [];

    public int Approvals => Decisions.Count(d => d.Approved);

    /// <summary>True when <paramref name="by"/> may still decide: one of the approvers who has not, or anyone when none are named.</summary>
    public bool MayDecide(string? by) =>
        Approvers.IsEmpty ? Decisions.IsEmpty : by is not null && Approvers.Contains(by) && !Decisions.Any(d => d.By == by);
}

/// <summary>One person's decision on an approval (SPEC §3.4 <c>decisions[]</c>).</summary>
public sealed record ApprovalDecision(string? By, bool Approved, string? Comment, DateTimeOffset DecidedAt);
