namespace WfaaS.Engine.Execution.Events;

/// <summary>SPEC §5.5 <c>run-to {checkpoint}</c>: forward until it is reached, or back to it; then PAUSED there.</summary>
public sealed record RunToCommand(string Checkpoint) : ExecutionEvent;
