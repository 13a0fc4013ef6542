using WfaaS.Engine.Execution.StateMachines;

namespace WfaaS.Engine.Execution;

/// <summary>One transition in an execution's history (SPEC §4); <paramref name="Seq"/> strictly increases.</summary>
/// <param name="Seq">Position in the execution's history, from 1.</param>
/// <param name="At">The step's time.</param>
/// <param name="Subject">What moved.</param>
/// <param name="Name">The task or checkpoint name; the workflow name for the execution.</param>
/// <param name="From">The state before, in wire form (<c>REVERT_FAILURE</c>); null when the subject was created.</param>
/// <param name="To">The state after, in wire form.</param>
/// <param name="Attempt">The task's attempt; null for other subjects.</param>
/// <param name="Cause">What made it move.</param>
public sealed record HistoryRecord(
    long Seq, DateTimeOffset At, HistorySubject Subject, string Name, string? From, string To, int? Attempt, string Cause);
