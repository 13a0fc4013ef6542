namespace WfaaS.Engine.Execution.Events;

/// <summary>The execution was created; its ready tasks start.</summary>
public sealed record ExecutionStarted : ExecutionEvent;
