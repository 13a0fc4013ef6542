namespace WfaaS.Engine.Execution.Effects;

/// <summary>
/// A durable timer (SPEC §1): a row, not a process. <paramref name="Task"/> owns it (null: the
/// execution itself, for <c>repeat</c> and scope retries); <paramref name="Serial"/> names it.
/// </summary>
public sealed record ScheduleTimer(long Serial, string? Task, TimerKind Kind, DateTimeOffset DueAt) : Effect
{
    /// <summary>The event this timer raises when it is due.</summary>
    public Events.TimerFired Fired() => new(Task, Serial);
}
