using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>A page of history in <c>seq</c> order; <paramref name="NextAfterSeq"/> continues it.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntity> Items, long? NextAfterSeq);
