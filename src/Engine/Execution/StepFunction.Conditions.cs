using WfaaS.Engine.Conditions;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;

namespace WfaaS.Engine.Execution;

public static partial class StepFunction
{
    /// <summary>
    /// SPEC §3.5: a ready task runs, or is skipped, or fails on its condition. First the enclosing
    /// nested flows with a <c>when</c>, outermost first, each decided once (while all its tasks are
    /// still PENDING: a flow whose tasks have moved was decided to run); then the task itself. An
    /// item is skipped when a symbol it needs had every provider skipped, else its <c>when</c> decides.
    /// </summary>
    /// <returns>True when the task should start now.</returns>
    private static bool Decide(StepContext step, PlannedTask task)
    {
        foreach (var flow in task.Conditions)
        {
            if (!flow.Tasks.All(t => step.Task(t).Status == TaskDetailStatus.Pending))
            {
                continue;
            }

            switch (Decide(step, flow.Needs, flow.Node.When!, flow.Label))
            {
                case (false, null, var cause):
                    foreach (var name in flow.Tasks)
                    {
                        step.MoveTask(name, TaskTrigger.Skip, $"flow {flow.Label}: {cause}");
                    }

                    return false;
                case (false, { } error, _):
                    FailWithoutStarting(step, flow.Tasks[0], error);
                    return false;
                default:
                    break;
            }
        }

        switch (Decide(step, task.Needs, task.Node.When, task.Name))
        {
            case (false, null, var cause):
                step.MoveTask(task.Name, TaskTrigger.Skip, cause!);
                return false;
            case (false, { } error, _):
                FailWithoutStarting(step, task.Name, error);
                return false;
            default:
                return true;
        }
    }

    /// <returns>Run: (true, null, null); skip: (false, null, cause); the condition failed: (false, error, null).</returns>
    private static (bool Run, TaskError? Error, string? Cause) Decide(StepContext step, IEnumerable<string> needs, Condition? when, string name)
    {
        foreach (var symbol in needs)
        {
            if (step.State.Plan.Providers[symbol].All(p => step.Task(p).Status == TaskDetailStatus.Skipped))
            {
                return (false, null, $"needs {symbol}");
            }
        }

        if (when is null)
        {
            return (true, null, null);
        }

        var context = Json.Object(("execution_id", Json.String(step.State.Id.ToString())), ("task", Json.String(name)));
        var (value, error) = ConditionEvaluator.Evaluate(when, step.State.Symbols, context);
        return error is not null
            ? (false, new TaskError("ConditionError", $"'when' of {name} failed: {error}"), null)
            : value ? (true, null, null) : (false, null, "when false");
    }

    /// <summary>A condition that throws or runs past its limits fails its item, which never started (so nothing of it is reverted).</summary>
    private static void FailWithoutStarting(StepContext step, string task, TaskError error) =>
        step.MoveTask(task, TaskTrigger.Fail, "condition failed", t => t with { Error = error, FinishedAt = step.Now });

    /// <summary>Finished as far as what comes after is concerned (SPEC §5.1): succeeded or skipped.</summary>
    private static bool IsDone(TaskDetailStatus status) => status is TaskDetailStatus.Success or TaskDetailStatus.Skipped;

    /// <summary>Never ran in the current run, so nothing of it is reverted (TASKFLOW.md rule 8).</summary>
    private static bool NeverRan(TaskDetailStatus status) => status is TaskDetailStatus.Pending or TaskDetailStatus.Skipped;
}
