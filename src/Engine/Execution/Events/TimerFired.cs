namespace WfaaS.Engine.Execution.Events;

/// <summary>
/// The durable timer <paramref name="Serial"/> of <paramref name="Task"/> (null: of the execution) is
/// due. It changes something only while it is the live timer (<see cref="LiveTimer"/>).
/// </summary>
public sealed record TimerFired(string? Task, long Serial) : ExecutionEvent;
