using WfaaS.Storage.Entities;

namespace WfaaS.Scheduler.Timers;

/// <summary>
/// A timer row as the wheel holds it: enough to fire it without reading the row again, with the
/// context of the step that scheduled it (SPEC §10), so its fire joins that trace.
/// </summary>
public sealed record DueTimer(Guid ExecutionId, long Serial, string? Task, DateTimeOffset DueAt, string? TraceParent = null)
{
    public static DueTimer Of(TimerEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.ExecutionId, row.Serial, row.Task, new DateTimeOffset(DateTime.SpecifyKind(row.DueAt, DateTimeKind.Utc)), row.TraceParent);
    }
}
