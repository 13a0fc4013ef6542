namespace WfaaS.Engine.Execution.Events;

/// <summary>Attempt <paramref name="Attempt"/> of <paramref name="Task"/>'s action failed.</summary>
public sealed record ActionFailed(string Task, int Attempt, TaskError Error) : ExecutionEvent;
