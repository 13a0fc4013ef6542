using System.Text.Json;
using WfaaS.Engine.Execution;

namespace WfaaS.Scheduler.Runners;

/// <summary>What an attempt of an action did: a result, or the error it failed with.</summary>
public sealed record ActionOutcome(JsonElement? Result, TaskError? Error)
{
    public static ActionOutcome Success(JsonElement? result) => new(result, null);

    public static ActionOutcome Failure(string type, string message) => new(null, new TaskError(type, message));
}
