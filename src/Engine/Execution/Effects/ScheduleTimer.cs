namespace WfaaS.Engine.Execution.Effects;

/// <summary>Wake <paramref name="Task"/> at <paramref name="DueAt"/> for attempt <paramref name="Attempt"/> (a durable row, SPEC §1).</summary>
public sealed record ScheduleTimer(string Task, int Attempt, DateTimeOffset DueAt) : Effect;
