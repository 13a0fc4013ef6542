using System.Diagnostics;
using System.Text.Json;
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
                PublishPasses(step);
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
            case CallbackReceived e when IsCurrent(state, e.Task, e.Attempt, TaskDetailStatus.Waiting):
                step.Answered(e.Task);
                if (e.Success)
                {
                    Complete(step, e.Task, e.Result, "callback: success");
                }
                else
                {
                    FailAttempt(step, e.Task, e.Error ?? new TaskError("CallbackFailure", "The external system reported a failure."), "callback: failure");
                }

                break;
            case ApprovalDecided e when IsCurrent(state, e.Task, e.Attempt, TaskDetailStatus.Waiting):
                OnApproval(step, e);
                break;
            case HeartbeatReceived e when IsCurrent(state, e.Task, e.Attempt, TaskDetailStatus.Waiting)
                && NodeOf(state, e.Task).Heartbeat is { } heartbeat:
                // The new deadline replaces the old one: the old timer, wherever it fires from, is no longer live.
                step.CancelTimers(e.Task, TimerKind.Heartbeat);
                step.ScheduleTimer(e.Task, TimerKind.Heartbeat, now + heartbeat);
                return step.Finish();
            case ChildFinished e when IsCurrent(state, e.Task, e.Attempt, TaskDetailStatus.Waiting):
                step.Answered(e.Task);
                if (e.Succeeded)
                {
                    Complete(step, e.Task, e.Output, "child execution succeeded");
                }
                else
                {
                    FailAttempt(step, e.Task, e.Error ?? new TaskError("ChildFailed", "The child execution did not succeed."), "child execution failed");
                }

                break;
            case OperatorCommand e:
                OnCommand(step, e.Command);
                break;
            case RevertCommand e when ExecutionTransitions.Table.Allows(state.Status, ExecutionTrigger.Revert):
                step.MoveExecution(ExecutionTrigger.Revert, e.ToCheckpoint is null ? "operator revert" : $"operator revert to {e.ToCheckpoint}",
                    s => s with { RevertTo = e.ToCheckpoint, AfterRevert = e.Then, StopAt = null });
                break;
            case RunToCommand e when state.Checkpoints.TryGetValue(e.Checkpoint, out var reached):
                if (reached == CheckpointStatus.Reached && ExecutionTransitions.Table.Allows(state.Status, ExecutionTrigger.Revert))
                {
                    step.MoveExecution(ExecutionTrigger.Revert, $"run-to {e.Checkpoint}: back",
                        s => s with { RevertTo = e.Checkpoint, AfterRevert = AfterRevert.Stop, StopAt = null });
                }
                else if (reached == CheckpointStatus.Pending && ExecutionTransitions.Table.Allows(state.Status, ExecutionTrigger.RunTo))
                {
                    step.MoveExecution(ExecutionTrigger.RunTo, $"run-to {e.Checkpoint}: forward", s => s with { StopAt = e.Checkpoint });
                }

                break;
            case RevertCommand or RunToCommand:
                return step.Finish();
            case ActionCompleted or ActionFailed or RevertCompleted or RevertFailed or CallbackReceived or ApprovalDecided or HeartbeatReceived or ChildFinished:
                // A stale or repeated report (SPEC §5.7: at-least-once delivery): nothing changes.
                return step.Finish();
            default:
                throw new UnreachableException($"No handler for {evt?.GetType().Name}.");
        }

        Advance(step);
        ArchiveFinished(step);
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
                ExecutionStatus.Running => HandleFailures(step) || (step.State.RetryingScope is null ? RunWave(step) : ScopeRevertWave(step)),
                ExecutionStatus.Reverting => HandleFailures(step) || RevertWave(step),
                _ => false,
            };
        }
    }

    /// <summary>
    /// SPEC §3.4, §3.4.1: every decision is kept in order; the quorum-th approval completes the task
    /// with the deciding one's decision and all of them, one rejection fails it with type
    /// <c>ApprovalRejected</c>, and an approval short of the quorum keeps it waiting (a move that
    /// history records). A decision by someone who may not decide (not an approver, or one who
    /// already did) changes nothing.
    /// </summary>
    private static void OnApproval(StepContext step, ApprovalDecided e)
    {
        var progress = step.Task(e.Task).Approval ?? new ApprovalProgress([], 1);
        if (!progress.MayDecide(e.By))
        {
            return;
        }

        var decision = new ApprovalDecision(e.By, e.Approved, e.Comment, step.Now);
        progress = progress with { Decisions = progress.Decisions.Add(decision) };
        var who = e.By is null ? string.Empty : $" by {e.By}";
        if (!e.Approved)
        {
            step.SetTask(step.Task(e.Task) with { Approval = progress });
            FailAttempt(step, e.Task, new TaskError("ApprovalRejected", e.Comment ?? $"The approval was rejected{who}."), $"rejected{who}");
            return;
        }

        if (progress.Approvals < progress.Quorum)
        {
            step.MoveTask(e.Task, TaskTrigger.Vote, $"approved{who} ({progress.Approvals} of {progress.Quorum})", t => t with { Approval = progress });
            return;
        }

        step.SetTask(step.Task(e.Task) with { Approval = progress });
        Complete(step, e.Task, Json.Object(
            ("decision", Json.String("approve")),
            ("comment", e.Comment is null ? null : Json.String(e.Comment)),
            ("by", e.By is null ? null : Json.String(e.By)),
            ("decided_at", Json.Time(step.Now)),
            ("decisions", Json.Array([.. progress.Decisions.Select(DecisionJson)]))), progress.Quorum > 1 ? $"approved{who} ({progress.Approvals} of {progress.Quorum})" : "approved");
    }

    private static JsonElement DecisionJson(ApprovalDecision d) => Json.Object(
        ("by", d.By is null ? null : Json.String(d.By)),
        ("decision", Json.String(d.Approved ? "approve" : "reject")),
        ("comment", d.Comment is null ? null : Json.String(d.Comment)),
        ("decided_at", Json.Time(d.DecidedAt)));

    /// <summary>
    /// SPEC §5.5. The caller checks <see cref="ExecutionTransitions"/> first and answers 409;
    /// <c>retry</c> resets failed and reverted tasks to PENDING and runs on from where the execution stands.
    /// </summary>
    private static void OnCommand(StepContext step, ExecutionTrigger command)
    {
        if (!ExecutionTransitions.Table.Allows(step.State.Status, command))
        {
            return;
        }

        if (command != ExecutionTrigger.Retry)
        {
            step.MoveExecution(command, $"operator {command.ToString().ToLowerInvariant()}");
            return;
        }

        step.MoveExecution(command, "operator retry", s => s with { Error = null, Output = null, FinishedAt = null, RevertAll = false });
        foreach (var task in step.State.Plan.Tasks)
        {
            if (step.Task(task.Name).Status is TaskDetailStatus.Failure or TaskDetailStatus.Reverted or TaskDetailStatus.RevertFailure or TaskDetailStatus.Skipped)
            {
                step.MoveTask(task.Name, TaskTrigger.Reset, "operator retry");
            }
        }
    }

    private static bool IsCurrent(ExecutionState state, string task, int attempt, params TaskDetailStatus[] statuses) =>
        state.Tasks.TryGetValue(task, out var detail) && detail.Attempt == attempt && statuses.Contains(detail.Status);

    /// <summary>
    /// A timer changes something only while it is live (SPEC §1: a replaced or cancelled timer may
    /// still fire from the wheel, a sweep, a Hangfire retry or after a restart). Decided on the
    /// state this step loaded, so inside the step's transaction.
    /// </summary>
    private static void OnTimerFired(StepContext step, TimerFired e)
    {
        if (step.TakeFired(e) is not { } timer)
        {
            return;
        }

        switch (timer.Kind)
        {
            case TimerKind.Wait:
                Complete(step, e.Task!, Json.Object(("fired_at", Json.Time(step.Now))), "timer fired");
                break;
            case TimerKind.Retry when step.State.Status == ExecutionStatus.Running:
                Start(step, e.Task!, "retry");
                Run(step, e.Task!, NodeOf(step.State, e.Task!));
                break;
            case TimerKind.Retry:
                step.MoveTask(e.Task!, TaskTrigger.Reset, "retry due while not running");
                break;
            case TimerKind.Repeat:
                step.State = step.State with { RepeatHold = false };
                break;
            case TimerKind.ScopeRetry:
                step.State = step.State with { ScopeHold = null };
                break;
            case TimerKind.Heartbeat:
                FailAttempt(step, e.Task!, new TaskError("HeartbeatTimeout", $"No heartbeat for attempt {step.Task(e.Task!).Attempt} in time."), "heartbeat missed");
                break;
            case TimerKind.Timeout:
                FailAttempt(step, e.Task!, new TaskError("Timeout", $"Attempt {step.Task(e.Task!).Attempt} did not finish in time."), "timed out");
                break;
            default:
                throw new UnreachableException($"No handler for timer kind {timer.Kind}.");
        }
    }
}
