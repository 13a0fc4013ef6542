namespace WfaaS.Storage.Entities;

/// <summary>One transition of an execution (SPEC §4); append-only.</summary>
public sealed class HistoryEntity
{
    public Guid ExecutionId { get; set; }
    public long Seq { get; set; }
    public DateTime At { get; set; }
    public required string Subject { get; set; }
    public required string Name { get; set; }
    public string? From { get; set; }
    public required string To { get; set; }
    public int? Attempt { get; set; }
    public required string Cause { get; set; }

    /// <summary>On a <c>history_compacted</c> entry (SPEC §5.6): how many entries it replaces, up to which seq.</summary>
    public int? Removed { get; set; }

    public long? UpToSeq { get; set; }
}
