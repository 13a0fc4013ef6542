using System.Diagnostics;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;

namespace WfaaS.Engine.Execution;

/// <summary>
/// The pure step function (SPEC §1): <c>Step(state, event, now) → (next, effects)</c>. No clock but
/// the <c>now</c> it is given, no I/O. After the event it advances the execution as far as it can
/// without waiting: every ready task starts, local actions run, failures revert.
/// </summary>
public static partial class StepFunction
{
    public static StepResult Step(ExecutionState state, ExecutionEvent evt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var step = new StepContext(state, now);
        switch (evt)
        {
            case ExecutionStarted:
                step.RecordCreated("start");
                break;
            case ActionCompleted e when IsCurrent(state, e.Task, e.Attempt, TaskDetailStatus.Running, TaskDetailStatus.Waiting):
                Complete(step, e.Task, e.Result, "action completed");
                break;
            case ActionFailed e when IsCurrent(state, e.Task, e.Attempt, TaskDetailStatus.Running, TaskDetailStatus.Waiting):
                FailAttempt(step, e.Task, e.Error, "action failed");
                break;
            case RevertCompleted e when IsCurrent(state, e.Task, e.Attempt, TaskDetailStatus.Reverting):
                step.MoveTask(e.Task, TaskTrigger.RevertComplete, "revert completed", t => t with { RevertResult = e.Result, FinishedAt = now });
                break;
            case RevertFailed e when IsCurrent(state, e.Task, e.Attempt, TaskDetailStatus.Reverting):
                RevertFailure(step, e.Task, e.Error);
                break;
            case TimerFired e:
                OnTimerFired(step, e);
                break;
            case ActionCompleted or ActionFailed or RevertCompleted or RevertFailed:
                // A stale or repeated report (SPEC §5.7: at-least-once delivery): nothing changes.
                return step.Finish();
            default:
                throw new UnreachableException($"No handler for {evt?.GetType().Name}.");
        }

        Advance(step);
        return step.Finish();
    }

    /// <summary>Moves the execution on until it must wait for an event or is finished.</summary>
    private static void Advance(StepContext step)
    {
        var progressed = true;
        while (progressed)
        {
            progressed = step.State.Status switch
            {
                ExecutionStatus.Running => HandleFailures(step) || RunWave(step),
                ExecutionStatus.Reverting => HandleFailures(step) || RevertWave(step),
                _ => false,
            };
        }
    }

    private static bool IsCurrent(ExecutionState state, string task, int attempt, params TaskDetailStatus[] statuses) =>
        state.Tasks.TryGetValue(task, out var detail) && detail.Attempt == attempt && statuses.Contains(detail.Status);

    private static void OnTimerFired(StepContext step, TimerFired e)
    {
        if (!step.State.Tasks.TryGetValue(e.Task, out var task))
        {
            return;
        }

        switch (e.Kind)
        {
            case TimerKind.Wait when task.Status == TaskDetailStatus.Waiting && task.Attempt == e.Attempt:
                Complete(step, e.Task, Json.Object(("fired_at", Json.Time(step.Now))), "timer fired");
                break;
            case TimerKind.Retry when task.Status == TaskDetailStatus.Retrying && task.Attempt + 1 == e.Attempt
                && step.State.Status == ExecutionStatus.Running:
                StartAndRun(step, [step.State.Plan.Task(e.Task)], "retry");
                break;
            case TimerKind.Timeout when task.Status is TaskDetailStatus.Running or TaskDetailStatus.Waiting && task.Attempt == e.Attempt:
                FailAttempt(step, e.Task, new TaskError("Timeout", $"Attempt {e.Attempt} did not finish in time."), "timed out");
                break;
            default:
                break;
        }
    }
}
