using System.Text.Json;

namespace WfaaS.Engine.Execution.Events;

/// <summary>The child execution of a <c>workflow</c> task reached a final state.</summary>
public sealed record ChildFinished(string Task, int Attempt, bool Succeeded, JsonElement? Output, TaskError? Error) : ExecutionEvent;
