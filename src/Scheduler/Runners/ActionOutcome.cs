using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;

namespace WfaaS.Scheduler.Runners;

/// <summary>What an attempt of an action did: a result, or the error it failed with.</summary>
public sealed record ActionOutcome(JsonElement? Result, TaskError? Error)
{
    public static ActionOutcome Success(JsonElement? result) => new(result, null);

    public static ActionOutcome Failure(string type, string message) => new(null, new TaskError(type, message));

    /// <summary>The event that reports this outcome to the step function.</summary>
    public ExecutionEvent Report(Func<JsonElement?, ExecutionEvent> succeeded, Func<TaskError, ExecutionEvent> failed)
    {
        ArgumentNullException.ThrowIfNull(succeeded);
        ArgumentNullException.ThrowIfNull(failed);
        return Error is { } error ? failed(error) : succeeded(Result);
    }
}
