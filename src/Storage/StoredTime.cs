namespace WfaaS.Storage;

/// <summary>
/// The time a write stores, to the microsecond: PostgreSQL's precision and SQLite's
/// (<c>SqliteValues</c>). A write that answers with the rows it made (a start, a new definition)
/// then answers with the times a read of them returns.
/// </summary>
public static class StoredTime
{
    public static DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
