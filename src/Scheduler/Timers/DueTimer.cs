using WfaaS.Engine.Execution;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;

namespace WfaaS.Scheduler.Timers;

/// <summary>A timer row as the wheel holds it: enough to fire it without reading the row again.</summary>
public sealed record DueTimer(long Id, Guid ExecutionId, string Task, int Attempt, TimerKind Kind, DateTimeOffset DueAt)
{
    public static DueTimer Of(TimerEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Id, row.ExecutionId, row.Task, row.Attempt, WireState.Parse<TimerKind>(row.Kind), new DateTimeOffset(DateTime.SpecifyKind(row.DueAt, DateTimeKind.Utc)));
    }
}
