using WfaaS.Engine.Execution;

namespace WfaaS.Api.Contracts;

/// <summary>Why an execution failed: the first failure, and every failure.</summary>
/// <param name="Task">The task that failed first.</param>
/// <param name="Type">Its error type.</param>
/// <param name="Message">Its error message.</param>
/// <param name="Failures">Every failure, in the order they happened.</param>
internal sealed record ExecutionErrorResponse(string Task, string Type, string Message, IReadOnlyList<FailureResponse> Failures)
{
    public static ExecutionErrorResponse From(ExecutionError error) =>
        new(error.Task, error.Type, error.Message, [.. error.Failures.Select(f => new FailureResponse(f.Task, f.Type, f.Message))]);
}

/// <summary>One failed task.</summary>
/// <param name="Task">The task.</param>
/// <param name="Type">Its error type.</param>
/// <param name="Message">Its error message.</param>
internal sealed record FailureResponse(string Task, string Type, string Message);
