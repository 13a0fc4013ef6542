namespace WfaaS.Storage.Entities;

/// <summary>
/// The history entries (SPEC §4) one step appended, in one row: seq <c>first_seq</c> to
/// <c>last_seq</c>, all at the step's time. Append-only, except that retention (SPEC §5.6) replaces
/// old chunks with a <c>history_compacted</c> one. Temporal stores its history the same way, one
/// "history node" per workflow task.
/// </summary>
public sealed class HistoryChunkEntity
{
    public Guid ExecutionId { get; set; }
    public long FirstSeq { get; set; }
    public long LastSeq { get; set; }
    public DateTime At { get; set; }

    /// <summary>A JSON array with one array per entry; see <c>HistoryChunks</c>.</summary>
    public required string EntriesJson { get; set; }
}
