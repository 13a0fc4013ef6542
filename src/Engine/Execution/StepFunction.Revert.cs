using System.Collections.Immutable;
using WfaaS.Engine.Actions;
using WfaaS.Engine.Binding;
using WfaaS.Engine.Definitions;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;

namespace WfaaS.Engine.Execution;

public static partial class StepFunction
{
    private static readonly TaskDetailStatus[] NeedsRevert =
        [TaskDetailStatus.Success, TaskDetailStatus.Failure, TaskDetailStatus.Waiting, TaskDetailStatus.Retrying];

    /// <summary>
    /// Records tasks that failed for good and are not yet in <c>error</c>; the first failure of a
    /// running execution starts reverting (or pauses, under <c>on_failure: pause</c>). True when it moved.
    /// </summary>
    private static bool HandleFailures(StepContext step)
    {
        var known = step.State.Error?.Failures.Select(f => InstanceName.ItemOf(f.Task)).ToHashSet(StringComparer.Ordinal) ?? [];
        var retrying = step.State.RetryingScope is { } id ? step.State.Plan.ScopesById[id].Tasks : [];
        var failures = step.State.Plan.Tasks
            .Select(t => step.Task(t.Name))
            .Where(t => t.Status == TaskDetailStatus.Failure && !known.Contains(t.Name) && !retrying.Contains(t.Name))
            .Select(t => new TaskFailure(t.FanOut?.FailedBy ?? t.Name, t.Error?.Type ?? "Error", t.Error?.Message ?? string.Empty))
            .ToImmutableArray();
        if (failures.IsEmpty)
        {
            return false;
        }

        if (ScopeFor(step.State, failures, out var revertAll) is { } scope)
        {
            step.State = step.State with { RetryingScope = scope.Id };
            return true;
        }

        var error = step.State.Error is { } existing ? failures.Aggregate(existing, (e, f) => e.Add(f)) : ExecutionError.From(failures);
        if (step.State.Status != ExecutionStatus.Running)
        {
            step.State = step.State with { Error = error };
            return false;
        }

        var cause = $"task {failures[0].Task} failed";
        if (revertAll)
        {
            // SPEC §5.3 then: revert_all — everything that ran reverts, whatever on_failure says.
            step.CancelExecutionTimers(TimerKind.ScopeRetry);
            step.MoveExecution(ExecutionTrigger.Fail, cause + "; retries used up, then: revert_all",
                s => s with { Error = error, RetryingScope = null, ScopeHold = null, RevertAll = true });
            return true;
        }

        if (step.State.Plan.Definition.OnFailure == FailureStrategy.Pause)
        {
            step.MoveExecution(ExecutionTrigger.FailAndPause, cause, s => s with { Error = error });
            return false;
        }

        step.CancelExecutionTimers(TimerKind.ScopeRetry);
        step.MoveExecution(ExecutionTrigger.Fail, cause, s => s with { Error = error, RetryingScope = null, ScopeHold = null });
        return true;
    }

    /// <summary>
    /// Reverts every task whose dependents are all reverted or never started (SPEC §5.2, TASKFLOW.md
    /// rules 6–9), newest first. When nothing is left to revert or running, the execution is REVERTED.
    /// </summary>
    private static bool RevertWave(StepContext step)
    {
        var plan = step.State.Plan;
        var kept = KeptByCheckpoint(step.State);
        var candidates = plan.Tasks
            .Where(t => !kept.Contains(t.Name)
                && NeedsRevertNow(step, t)
                && t.Successors.All(s => kept.Contains(s) || NeverRan(step.Task(s).Status) || step.Task(s).Status == TaskDetailStatus.Reverted))
            .Reverse()
            .ToList();
        if (candidates.Count == 0)
        {
            if (!plan.Tasks.Any(t => !kept.Contains(t.Name)
                && (step.Task(t.Name).Status is TaskDetailStatus.Reverting or TaskDetailStatus.Running || NeedsRevert.Contains(step.Task(t.Name).Status))))
            {
                return FinishRevert(step, kept);
            }

            return false;
        }

        return RevertAll(step, candidates);
    }

    /// <summary>Reverts each of <paramref name="candidates"/>, newest first; false when nothing moved or a revert failed.</summary>
    private static bool RevertAll(StepContext step, IReadOnlyList<PlannedTask> candidates)
    {
        var moved = false;
        foreach (var task in candidates)
        {
            if (task.Node.ForEach is not null && step.Task(task.Name).FanOut is not null)
            {
                switch (RevertFanOut(step, task))
                {
                    case null:
                        return false;
                    case true:
                        moved = true;
                        break;
                    default:
                        break;
                }

                continue;
            }

            if (!Revert(step, task.Name, task.Node))
            {
                return false;
            }

            moved = true;
        }

        return moved;
    }

    /// <summary>Whether <paramref name="task"/> has something to revert now: it ran, or it is a fanned-out item whose elements run or revert.</summary>
    private static bool NeedsRevertNow(StepContext step, PlannedTask task)
    {
        var status = step.Task(task.Name).Status;
        return NeedsRevert.Contains(status)
            || (task.Node.ForEach is not null && step.Task(task.Name).FanOut is not null && status is TaskDetailStatus.Running or TaskDetailStatus.Reverting);
    }

    /// <summary>
    /// SPEC §5.4 <c>revert_to_checkpoint</c>: what ran before the last reached checkpoint of the root
    /// flow stays done; only what ran after it is reverted, and <c>retry</c> resumes from there.
    /// </summary>
    private static HashSet<string> KeptByCheckpoint(ExecutionState state)
    {
        if (state.RevertAll)
        {
            return [];
        }

        var checkpoint = state.AfterRevert != AfterRevert.End
            ? state.RevertTo
            : state.Plan.Definition.OnFailure == FailureStrategy.RevertToCheckpoint ? state.Checkpoint : null;
        return checkpoint is null ? [] : state.Plan.CheckpointsByName[checkpoint].Before.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The revert is done. A failure's revert ends REVERTED. An operator's revert (SPEC §5.5) sets the
    /// reverted tasks and the checkpoints after its target back to PENDING, then pauses there
    /// (<c>then: stop</c>) or runs forward again (<c>then: resume</c>).
    /// </summary>
    /// <returns>True when the execution runs on.</returns>
    private static bool FinishRevert(StepContext step, HashSet<string> kept)
    {
        var then = step.State.AfterRevert;
        if (then == AfterRevert.End)
        {
            step.MoveExecution(ExecutionTrigger.RevertComplete,
                kept.Count > 0 ? $"reverted back to checkpoint {step.State.Checkpoint}" : "every started task reverted");
            return false;
        }

        foreach (var task in step.State.Plan.Tasks.Where(t => step.Task(t.Name).Status == TaskDetailStatus.Reverted
            || (step.Task(t.Name).Status == TaskDetailStatus.Skipped && !kept.Contains(t.Name))))
        {
            step.MoveTask(task.Name, TaskTrigger.Reset, "operator revert done");
        }

        foreach (var checkpoint in step.State.Plan.Checkpoints)
        {
            if (step.State.Checkpoints[checkpoint.Name] == CheckpointStatus.Reached && checkpoint.Name != step.State.RevertTo
                && !checkpoint.Before.All(kept.Contains))
            {
                step.MoveCheckpoint(checkpoint.Name, CheckpointTrigger.Reset, "operator revert done");
            }
        }

        var target = step.State.RevertTo;
        var update = (Func<ExecutionState, ExecutionState>)(s => s with { RevertTo = null, AfterRevert = AfterRevert.End, Error = null, Checkpoint = target });
        if (then == AfterRevert.Stop)
        {
            step.MoveExecution(ExecutionTrigger.RevertAndStop, target is null ? "reverted; paused" : $"reverted to {target}; paused", update);
            return false;
        }

        step.MoveExecution(ExecutionTrigger.RevertAndResume, target is null ? "reverted; resuming" : $"reverted to {target}; resuming", update);
        return true;
    }

    /// <returns>False when the revert failed and the execution is FAILED.</returns>
    private static bool Revert(StepContext step, string name, TaskNode node)
    {
        if (node.Revert is not { } revert || step.Task(name).Attempt == 0)
        {
            var cause = node.Revert is null ? "no revert action" : "never ran";
            step.MoveTask(name, TaskTrigger.SkipRevert, cause, t => t with { FinishedAt = step.Now });
            return true;
        }

        var failed = step.Task(name).Error;
        var error = failed is null ? null : (Json.Object(("type", Json.String(failed.Type)), ("message", Json.String(failed.Message))) as System.Text.Json.JsonElement?);
        var attempt = step.MoveTask(name, TaskTrigger.Revert, "reverting").Attempt;
        var input = InputBinder.Bind(revert.Input, Scope(step, name, missingAsNull: true, error));
        if (LocalActions.KindOf(revert.Action) != ActionKind.Local)
        {
            // Validation allows only local and http revert actions (RevertActionRule).
            step.Emit(new SendRevertRequest(name, attempt, input));
            return true;
        }

        var (result, revertError) = LocalActions.Run(revert.Action, input);
        if (revertError is not null)
        {
            RevertFailure(step, name, revertError);
            return false;
        }

        step.MoveTask(name, TaskTrigger.RevertComplete, "revert completed", t => t with { RevertResult = result, FinishedAt = step.Now });
        return true;
    }

    /// <summary>A failed revert: REVERT_FAILURE and the execution FAILED; nothing earlier is reverted (TASKFLOW.md rule 9).</summary>
    private static void RevertFailure(StepContext step, string name, TaskError error)
    {
        step.MoveTask(name, TaskTrigger.RevertFail, "revert failed", t => t with { Error = error, FinishedAt = step.Now });
        if (step.State.Status is ExecutionStatus.Reverting || step.State.RetryingScope is not null)
        {
            step.MoveExecution(ExecutionTrigger.RevertFail, $"revert of {name} failed", s => s with { RetryingScope = null });
        }
    }
}
