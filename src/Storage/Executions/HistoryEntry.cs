namespace WfaaS.Storage.Executions;

/// <summary>One transition as stored (SPEC §4), or a <c>history_compacted</c> entry (SPEC §5.6).</summary>
public sealed record HistoryEntry(
    long Seq, DateTime At, string Subject, string Name, string? From, string To, int? Attempt, string Cause, int? Removed = null, long? UpToSeq = null)
{
    public const string CompactedName = "history_compacted";

    public bool IsCompaction => Name == CompactedName && Removed is not null;
}
