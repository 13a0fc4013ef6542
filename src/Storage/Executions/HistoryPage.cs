namespace WfaaS.Storage.Executions;

/// <summary>A page of history in <c>seq</c> order; <paramref name="NextAfterSeq"/> continues it.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Items, long? NextAfterSeq);
