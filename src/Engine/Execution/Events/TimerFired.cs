namespace WfaaS.Engine.Execution.Events;

/// <summary>The durable timer of kind <paramref name="Kind"/> for <paramref name="Task"/>'s attempt <paramref name="Attempt"/> is due.</summary>
public sealed record TimerFired(string Task, int Attempt, TimerKind Kind) : ExecutionEvent;
