namespace WfaaS.Engine.Execution.Events;

/// <summary>SPEC §5.5 <c>revert {to_checkpoint?, then: stop|resume}</c>: undo what ran (after the checkpoint).</summary>
public sealed record RevertCommand(string? ToCheckpoint, AfterRevert Then) : ExecutionEvent;
