using System.Collections.Immutable;

namespace WfaaS.Engine.Execution.Effects;

/// <summary>
/// The task waits for an outside party: Storage mints a token for (task, attempt) and keeps only
/// its hash (SPEC §8). <paramref name="Kind"/> is <c>callback</c> (delegate) or <c>approval</c>,
/// with the approval's <paramref name="Prompt"/>, <paramref name="Approvers"/> and
/// <paramref name="Quorum"/>. With approvers, the step emits one token per approver, and
/// <paramref name="Approver"/> is the one its link decides as (SPEC §3.4.1).
/// </summary>
public sealed record MintToken(
    string Task, int Attempt, WaitKind Kind, DateTimeOffset? DueAt, string? Prompt, ImmutableArray<string> Approvers, string? Approver = null, int? Quorum = null) : Effect;
