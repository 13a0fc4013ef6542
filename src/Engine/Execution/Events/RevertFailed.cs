namespace WfaaS.Engine.Execution.Events;

/// <summary><paramref name="Task"/>'s revert action failed.</summary>
public sealed record RevertFailed(string Task, int Attempt, TaskError Error) : ExecutionEvent;
