using System.Text.Json;

namespace WfaaS.Engine.Execution.Events;

/// <summary>A worker finished attempt <paramref name="Attempt"/> of <paramref name="Task"/>'s action.</summary>
public sealed record ActionCompleted(string Task, int Attempt, JsonElement? Result) : ExecutionEvent;
