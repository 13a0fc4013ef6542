using System.Collections.Immutable;

namespace WfaaS.Engine.Execution;

/// <summary>
/// SPEC §5.2 <c>error = {task, type, message}</c> naming the first failure; <see cref="Failures"/> lists
/// every failure (TASKFLOW.md rule 10, where WfaaS reports all of them).
/// </summary>
public sealed record ExecutionError(string Task, string Type, string Message, ImmutableArray<TaskFailure> Failures)
{
    public static ExecutionError From(ImmutableArray<TaskFailure> failures) =>
        new(failures[0].Task, failures[0].Type, failures[0].Message, failures);

    public ExecutionError Add(TaskFailure failure) => this with { Failures = Failures.Add(failure) };
}
