using System.Collections.Immutable;
using System.Text.Json;
using WfaaS.Engine.Execution.StateMachines;

namespace WfaaS.Engine.Execution;

/// <summary>
/// The state of one task in one execution (TaskFlow's task detail). A reverted task keeps its
/// execute result; a failed one has no result and carries its error (TASKFLOW.md rule 11).
/// </summary>
/// <param name="Name">The task's name.</param>
/// <param name="Status">Its state (SPEC §4).</param>
/// <param name="Attempt">How many times it was started in this run, 0 before the first.</param>
/// <param name="Result">The execute result.</param>
/// <param name="Error">Why the last attempt, or the revert, failed.</param>
/// <param name="Version">Bumped on every transition.</param>
/// <param name="RevertResult">The revert action's result.</param>
/// <param name="StartedAt">When the last attempt started.</param>
/// <param name="FinishedAt">When it last reached a state that ends a phase.</param>
/// <param name="Wait">While WAITING: what for (SPEC §6 <c>waiting[].kind</c>).</param>
public sealed record TaskDetail(
    string Name,
    TaskDetailStatus Status,
    int Attempt,
    JsonElement? Result,
    TaskError? Error,
    int Version,
    JsonElement? RevertResult,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    WaitKind? Wait = null)
{
    /// <summary>The durable timers of its current phase (a wait, a timeout, a heartbeat deadline, a retry delay).</summary>
    public ImmutableArray<LiveTimer> Timers { get; init; } = [];

    /// <summary>For a <c>for_each</c> element: its 0-based index (SPEC §3.6).</summary>
    public int? Index { get; init; }

    /// <summary>For a <c>for_each</c> item that fanned out: its elements' progress.</summary>
    public FanOutProgress? FanOut { get; init; }

    /// <summary>For an approval task's current attempt: its approvers, quorum and decisions so far (SPEC §3.4.1).</summary>
    public ApprovalProgress? Approval { get; init; }

    /// <summary>While WAITING for a callback or an approval: the tokens that answer it (one, or one per approver).</summary>
    public ImmutableArray<WaitToken> Tokens { get; init; } = [];

    public static TaskDetail Pending(string name) => new(name, TaskDetailStatus.Pending, 0, null, null, 0, null, null, null);
}
