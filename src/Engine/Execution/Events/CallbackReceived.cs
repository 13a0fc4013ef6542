using System.Text.Json;

namespace WfaaS.Engine.Execution.Events;

/// <summary>A delegate's callback (SPEC §6 <c>POST /callbacks/{token}</c>): success with a result, or failure with an error.</summary>
public sealed record CallbackReceived(string Task, int Attempt, bool Success, JsonElement? Result, TaskError? Error) : ExecutionEvent;
