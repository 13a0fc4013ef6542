using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;
using static WfaaS.Engine.Tests.TestKit.Executions;

namespace WfaaS.Engine.Tests.Execution;

/// <summary>Delegates, approvals, heartbeats and operator commands on the pure step function (SPEC §3.4, §5.2, §5.5).</summary>
public sealed class WaitingTaskTests
{
    private const string Delegate = """{"task": "job", "action": "delegate", "input": {"url": "http://jobs.test/run", "body": {"n": 1}}, "timeout": "P5D", "heartbeat": "PT1H", "provides": "out"}""";
    private const string Approval = """{"task": "ok", "action": "approval", "input": {"prompt": "Ship it?"}, "provides": "approval"}""";

    [Fact]
    public void Delegate_WaitsWithTokenRequestTimeoutAndHeartbeat()
    {
        var step = Start(Linear(Delegate));

        Assert.Equal(TaskDetailStatus.Waiting, StatusOf(step, "job"));
        var minted = step.Effects.OfType<MintToken>().Single();
        Assert.Equal(("job", 1, WaitKind.Callback, (DateTimeOffset?)Now.AddDays(5)), (minted.Task, minted.Attempt, minted.Kind, minted.DueAt));
        Assert.Equal(WaitKind.Callback, step.Next.Tasks["job"].Wait);
        Assert.Equal("http://jobs.test/run", step.Effects.OfType<SendDelegateRequest>().Single().Input?.GetProperty("url").GetString());
        Assert.Equal(
            [new ScheduleTimer(1, "job", TimerKind.Timeout, Now.AddDays(5)), new ScheduleTimer(2, "job", TimerKind.Heartbeat, Now.AddHours(1))],
            step.Effects.OfType<ScheduleTimer>());
        Assert.Equal([1L, 2L], step.Next.Tasks["job"].Timers.Select(t => t.Serial));
    }

    [Fact]
    public void WithToken_KeepsTheNonceWhileWaiting_AnAnswerOrATimeoutDropsIt()
    {
        var waiting = Start(Linear(Delegate, Noop("after")));
        var minted = waiting.Next.WithToken("job", 1, new WaitToken("nonce-1"));

        Assert.Equal([new WaitToken("nonce-1")], minted.Tasks["job"].Tokens);
        Assert.Same(minted, minted.WithToken("job", 2, new WaitToken("stale")));   // another attempt: not waiting on it
        Assert.Same(minted, minted.WithToken("after", 1, new WaitToken("no-wait")));
        var answered = StepFunction.Step(minted, new CallbackReceived("job", 1, true, null, null), Now);
        Assert.Empty(answered.Next.Tasks["job"].Tokens);
        var timedOut = StepFunction.Step(minted, new TimerFired("job", 1), Now.AddDays(5));
        Assert.Empty(timedOut.Next.Tasks["job"].Tokens);
        Assert.Contains(new VoidTokens("job", 1), timedOut.Effects);
    }

    [Fact]
    public void Delegate_SuccessCallback_CompletesWithTheResult()
    {
        var waiting = Start(Linear(Delegate, Noop("after")));

        var done = StepFunction.Step(waiting.Next, new CallbackReceived("job", 1, true, JsonDocument.Parse("""{"vm": 7}""").RootElement, null), Now);

        Assert.Equal(ExecutionStatus.Success, done.Next.Status);
        Assert.Equal(7, done.Next.Symbols["out"].GetProperty("vm").GetInt32());
    }

    [Fact]
    public void Delegate_FailureCallback_FailsTheTaskWithTheGivenError()
    {
        var waiting = Start(Linear(Delegate));

        var failed = StepFunction.Step(waiting.Next, new CallbackReceived("job", 1, false, null, new TaskError("HadoopDied", "node lost")), Now);

        Assert.Equal(ExecutionStatus.Reverted, failed.Next.Status);
        Assert.Equal(("HadoopDied", "node lost"), (failed.Next.Error?.Type, failed.Next.Error?.Message));
    }

    [Fact]
    public void Delegate_HeartbeatPushesTheDeadlineAndAMissedOneFails()
    {
        var time = new FakeTimeProvider(Now);
        var waiting = Start(Linear(Delegate));
        time.Advance(TimeSpan.FromMinutes(30));

        var beat = StepFunction.Step(waiting.Next, new HeartbeatReceived("job", 1), time.GetUtcNow());
        time.Advance(TimeSpan.FromHours(1));
        var missed = StepFunction.Step(beat.Next, TimerOf(beat, TimerKind.Heartbeat).Fired(), time.GetUtcNow());

        Assert.Equal([new CancelTimer(2), new ScheduleTimer(3, "job", TimerKind.Heartbeat, Now.AddMinutes(90))], beat.Effects);
        Assert.Empty(beat.History);
        Assert.Equal("HeartbeatTimeout", missed.Next.Error?.Type);
    }

    [Fact]
    public void Approval_Approve_CompletesWithDecision()
    {
        var waiting = Start(Linear(Approval));
        Assert.Equal((WaitKind.Approval, "Ship it?"), (waiting.Effects.OfType<MintToken>().Single().Kind, waiting.Effects.OfType<MintToken>().Single().Prompt));

        var approved = StepFunction.Step(waiting.Next, new ApprovalDecided("ok", 1, true, "fine", "ann"), Now);

        var result = approved.Next.Symbols["approval"];
        Assert.Equal(ExecutionStatus.Success, approved.Next.Status);
        Assert.Equal(("approve", "fine", "ann"), (result.GetProperty("decision").GetString(), result.GetProperty("comment").GetString(), result.GetProperty("by").GetString()));
        Assert.Equal("2026-11-24T08:00:00Z", result.GetProperty("decided_at").GetString());
    }

    [Fact]
    public void Approval_Reject_FailsWithApprovalRejected()
    {
        var waiting = Start(Linear(Approval));

        var rejected = StepFunction.Step(waiting.Next, new ApprovalDecided("ok", 1, false, "too risky", "bob"), Now);

        Assert.Equal(ExecutionStatus.Reverted, rejected.Next.Status);
        Assert.Equal(("ApprovalRejected", "too risky"), (rejected.Next.Error?.Type, rejected.Next.Error?.Message));
    }

    [Fact]
    public void Pause_StopsNewTasksButRecordsInFlightWorkThenResumeGoesOn()
    {
        var waiting = Start(Linear(Delegate, Noop("after")));

        var paused = StepFunction.Step(waiting.Next, new OperatorCommand(ExecutionTrigger.Pause), Now);
        var reported = StepFunction.Step(paused.Next, new CallbackReceived("job", 1, true, null, null), Now);
        var resumed = StepFunction.Step(reported.Next, new OperatorCommand(ExecutionTrigger.Resume), Now);

        Assert.Equal(ExecutionStatus.Paused, reported.Next.Status);
        Assert.Equal(TaskDetailStatus.Success, StatusOf(reported, "job"));
        Assert.Equal(TaskDetailStatus.Pending, StatusOf(reported, "after"));
        Assert.Equal(ExecutionStatus.Success, resumed.Next.Status);
    }

    [Fact]
    public void Cancel_IsFinalAndRevertsNothing()
    {
        var waiting = Start(Linear(Noop("a", "\"revert\": {\"action\": \"noop\"}"), Delegate));

        var cancelled = StepFunction.Step(waiting.Next, new OperatorCommand(ExecutionTrigger.Cancel), Now);
        var late = StepFunction.Step(cancelled.Next, new OperatorCommand(ExecutionTrigger.Resume), Now);

        Assert.Equal(ExecutionStatus.Cancelled, cancelled.Next.Status);
        Assert.Equal(TaskDetailStatus.Success, StatusOf(cancelled, "a"));
        Assert.Equal(Now, cancelled.Next.FinishedAt);
        Assert.Same(cancelled.Next, late.Next);
    }

    [Fact]
    public void Retry_AfterRevert_RerunsTheResetTasks()
    {
        var reverted = Start(Linear(Noop("a"), Delegate));
        reverted = StepFunction.Step(reverted.Next, new CallbackReceived("job", 1, false, null, null), Now);
        Assert.Equal(ExecutionStatus.Reverted, reverted.Next.Status);

        var retried = StepFunction.Step(reverted.Next, new OperatorCommand(ExecutionTrigger.Retry), Now);

        Assert.Equal(ExecutionStatus.Running, retried.Next.Status);
        Assert.Null(retried.Next.Error);
        Assert.Equal(2, retried.Next.Tasks["a"].Attempt);
        Assert.Equal((TaskDetailStatus.Waiting, 2), (StatusOf(retried, "job"), retried.Next.Tasks["job"].Attempt));
    }

    [Fact]
    public void RevertCommand_ToCheckpointThenResume_UndoesAfterItAndRunsAgain()
    {
        var waiting = Start(Linear(Noop("a", "\"revert\": {\"action\": \"noop\"}"), Checkpoint("cp"), Noop("b", "\"revert\": {\"action\": \"noop\"}"), Delegate));

        var reverted = StepFunction.Step(waiting.Next, new RevertCommand("cp", AfterRevert.Resume), Now);

        Assert.Equal(ExecutionStatus.Running, reverted.Next.Status);
        Assert.Equal(["r:job", "r:b", "x:b", "x:job"], Trace(reverted));
        Assert.Equal((TaskDetailStatus.Waiting, 2), (StatusOf(reverted, "job"), reverted.Next.Tasks["job"].Attempt));
        Assert.Equal(1, reverted.Next.Tasks["a"].Attempt);
    }

    [Fact]
    public void RunTo_ReachedCheckpoint_RevertsBackAndPausesThere()
    {
        var waiting = Start(Linear(Noop("a"), Checkpoint("cp"), Noop("b"), Delegate));

        var back = StepFunction.Step(waiting.Next, new RunToCommand("cp"), Now);
        var resumed = StepFunction.Step(back.Next, new OperatorCommand(ExecutionTrigger.Resume), Now);

        Assert.Equal(ExecutionStatus.Paused, back.Next.Status);
        Assert.Equal("cp", back.Next.Checkpoint);
        Assert.Equal((TaskDetailStatus.Pending, TaskDetailStatus.Pending, TaskDetailStatus.Success), (StatusOf(back, "b"), StatusOf(back, "job"), StatusOf(back, "a")));
        Assert.Equal(TaskDetailStatus.Waiting, StatusOf(resumed, "job"));
    }

    [Fact]
    public void RunTo_CheckpointAhead_RunsUntilReachedThenPauses()
    {
        var waiting = Start(Linear(Delegate, Checkpoint("done"), Noop("after")));

        var forward = StepFunction.Step(waiting.Next, new RunToCommand("done"), Now);
        var reported = StepFunction.Step(forward.Next, new CallbackReceived("job", 1, true, null, null), Now);

        Assert.Equal(ExecutionStatus.Running, forward.Next.Status);
        Assert.Equal(ExecutionStatus.Paused, reported.Next.Status);
        Assert.Equal(TaskDetailStatus.Pending, StatusOf(reported, "after"));
    }

    [Fact]
    public void RetryTimer_WhilePaused_ResetsTaskToRunOnResume()
    {
        var retrying = Start(Linear("""{"task": "f", "action": "fail", "input": {"message": "x"}, "retry": {"count": 1, "delay": "PT1S"}}"""));
        var paused = StepFunction.Step(retrying.Next, new OperatorCommand(ExecutionTrigger.Pause), Now);

        var due = StepFunction.Step(paused.Next, TimerOf(retrying, TimerKind.Retry).Fired(), Now.AddSeconds(1));
        var resumed = StepFunction.Step(due.Next, new OperatorCommand(ExecutionTrigger.Resume), Now.AddSeconds(2));

        Assert.Equal(TaskDetailStatus.Pending, StatusOf(due, "f"));
        Assert.Equal(2, resumed.Next.Tasks["f"].Attempt);
        Assert.Equal(ExecutionStatus.Reverted, resumed.Next.Status);
    }
}
