namespace WfaaS.Engine.Execution.Events;

/// <summary>The durable timer for <paramref name="Task"/>'s attempt <paramref name="Attempt"/> is due.</summary>
public sealed record TimerFired(string Task, int Attempt) : ExecutionEvent;
