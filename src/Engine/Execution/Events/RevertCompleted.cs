using System.Text.Json;

namespace WfaaS.Engine.Execution.Events;

/// <summary>A worker finished <paramref name="Task"/>'s revert action.</summary>
public sealed record RevertCompleted(string Task, int Attempt, JsonElement? Result) : ExecutionEvent;
