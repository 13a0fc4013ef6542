namespace WfaaS.Engine.Execution.Effects;

/// <summary>Wake <paramref name="Task"/>'s attempt <paramref name="Attempt"/> at <paramref name="DueAt"/>; a durable row, not a process (SPEC §1).</summary>
public sealed record ScheduleTimer(string Task, int Attempt, DateTimeOffset DueAt, TimerKind Kind) : Effect;
