using WfaaS.Storage.Executions;

namespace WfaaS.Api.Contracts;

/// <summary>One transition (SPEC §4).</summary>
/// <param name="Seq">Strictly increasing per execution.</param>
/// <param name="At">When it happened.</param>
/// <param name="Subject"><c>execution</c>, <c>task</c> or <c>checkpoint</c>.</param>
/// <param name="Name">The task or checkpoint name; the workflow name for the execution.</param>
/// <param name="From">The state before; null when the execution was created.</param>
/// <param name="To">The state after.</param>
/// <param name="Attempt">The task's attempt.</param>
/// <param name="Cause">What made it move.</param>
/// <param name="Removed">On a <c>history_compacted</c> entry: how many entries it replaces.</param>
/// <param name="UpToSeq">On a <c>history_compacted</c> entry: the last seq it replaces.</param>
internal sealed record HistoryEntryResponse(
    long Seq, DateTimeOffset At, string Subject, string Name, string? From, string To, int? Attempt, string Cause, int? Removed, long? UpToSeq)
{
    public static HistoryEntryResponse Of(HistoryEntry h) =>
        new(h.Seq, ContractJson.Utc(h.At), h.Subject, h.Name, h.From, h.To, h.Attempt, h.Cause, h.Removed, h.UpToSeq);
}
