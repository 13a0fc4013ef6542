using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;
using static WfaaS.Engine.Tests.TestKit.Executions;

namespace WfaaS.Engine.Tests.Execution;

/// <summary>
/// SPEC §1: a timer that was replaced or cancelled may still fire (from the wheel, a sweep, a
/// Hangfire retry, after a restart); only the live one changes anything. And every move settles
/// what its phase left behind, as effects: timers cancelled, tokens voided, children cancelled.
/// </summary>
public sealed class TimerLivenessTests
{
    private const string Delegate = """{"task": "d", "action": "delegate", "heartbeat": "PT3S", "timeout": "PT60S"}""";
    private const string Http = """{"task": "call", "action": "http", "input": {"method": "GET", "url": "http://example.test/"}, "timeout": "PT10S", "retry": {"count": 1, "delay": "PT1S"}}""";

    [Fact]
    public void Heartbeat_ReplacedDeadlineFires_NothingChanges()
    {
        var started = Start(Linear(Delegate, Noop("e")));
        var first = TimerOf(started, TimerKind.Heartbeat);
        var beat = StepFunction.Step(started.Next, new HeartbeatReceived("d", 1), Now.AddSeconds(1));

        var stale = StepFunction.Step(beat.Next, first.Fired(), Now.AddSeconds(3));

        Assert.Same(beat.Next, stale.Next);
        Assert.Empty(stale.Effects);
        Assert.Equal(TaskDetailStatus.Waiting, StatusOf(stale, "d"));
    }

    [Fact]
    public void Heartbeat_KeptAliveThreeIntervals_ThenCompletes()
    {
        var step = Start(Linear(Delegate, Noop("e")));
        var replaced = new List<ScheduleTimer> { TimerOf(step, TimerKind.Heartbeat) };
        for (var second = 1; second <= 9; second++)
        {
            step = StepFunction.Step(step.Next, new HeartbeatReceived("d", 1), Now.AddSeconds(second));
            replaced.Add(TimerOf(step, TimerKind.Heartbeat));
        }

        foreach (var timer in replaced[..^1])
        {
            Assert.Same(step.Next, StepFunction.Step(step.Next, timer.Fired(), timer.DueAt).Next);
        }

        var done = StepFunction.Step(step.Next, new CallbackReceived("d", 1, true, null, null), Now.AddSeconds(10));

        Assert.Equal(ExecutionStatus.Success, done.Next.Status);
        var live = step.Next.Tasks["d"].Timers.Select(t => t.Serial).Order().ToList();
        Assert.Equal(live, done.Effects.OfType<CancelTimer>().Select(c => c.Serial).Order());
        Assert.Empty(done.Effects.OfType<VoidTokens>());
    }

    [Fact]
    public void Heartbeat_LiveDeadlineFires_FailsWithHeartbeatTimeout()
    {
        var started = Start(Linear(Delegate, Noop("e")));
        var beat = StepFunction.Step(started.Next, new HeartbeatReceived("d", 1), Now.AddSeconds(1));

        var missed = StepFunction.Step(beat.Next, TimerOf(beat, TimerKind.Heartbeat).Fired(), Now.AddSeconds(4));

        Assert.Equal("HeartbeatTimeout", missed.Next.Tasks["d"].Error?.Type);
        Assert.Contains(new VoidTokens("d", 1), missed.Effects);
        Assert.Contains(new CancelTimer(TimerOf(started, TimerKind.Timeout).Serial), missed.Effects);
    }

    [Fact]
    public void Timeout_OfAnEarlierAttemptFires_NothingChanges()
    {
        var first = Start(Linear(Http));
        var firstTimeout = TimerOf(first, TimerKind.Timeout);
        var failed = StepFunction.Step(first.Next, new ActionFailed("call", 1, new TaskError("HttpError", "503")), Now.AddSeconds(1));
        var retried = StepFunction.Step(failed.Next, TimerOf(failed, TimerKind.Retry).Fired(), Now.AddSeconds(2));

        var stale = StepFunction.Step(retried.Next, firstTimeout.Fired(), Now.AddSeconds(10));

        Assert.Contains(new CancelTimer(firstTimeout.Serial), failed.Effects);
        Assert.Equal((TaskDetailStatus.Running, 2), (StatusOf(retried, "call"), retried.Next.Tasks["call"].Attempt));
        Assert.Same(retried.Next, stale.Next);
    }

    [Fact]
    public void Retry_FiredTwice_StartsOneAttempt()
    {
        var first = Start(Linear(Http));
        var failed = StepFunction.Step(first.Next, new ActionFailed("call", 1, new TaskError("HttpError", "503")), Now);
        var retry = TimerOf(failed, TimerKind.Retry);

        var once = StepFunction.Step(failed.Next, retry.Fired(), Now.AddSeconds(1));
        var twice = StepFunction.Step(once.Next, retry.Fired(), Now.AddSeconds(1));

        Assert.Single(once.Effects.OfType<SendHttpRequest>());
        Assert.Same(once.Next, twice.Next);
        Assert.Empty(twice.Effects);
    }

    [Fact]
    public void Repeat_FiredTwice_RunsOnce()
    {
        var first = Start(Workflow(Flow("linear", Noop("a")), "\"repeat\": {\"every\": \"PT1M\", \"times\": 2}"));
        var repeat = TimerOf(first, TimerKind.Repeat);

        var once = StepFunction.Step(first.Next, repeat.Fired(), Now.AddMinutes(1));
        var twice = StepFunction.Step(once.Next, repeat.Fired(), Now.AddMinutes(1));

        Assert.Equal(2, once.Next.Runs);
        Assert.Same(once.Next, twice.Next);
    }

    [Fact]
    public void ScopeRetry_FiredTwice_RunsTheScopeOnce()
    {
        var call = """{"task": "call", "action": "http", "input": {"method": "GET", "url": "http://example.test/"}}""";
        var first = Start(Linear("""{"flow": {"name": "inner", "type": "linear", "retry": {"count": 2, "delay": "PT5S"}, "items": [""" + call + "]}}"));
        var failed = StepFunction.Step(first.Next, new ActionFailed("call", 1, new TaskError("HttpError", "503")), Now);
        var delay = TimerOf(failed, TimerKind.ScopeRetry);

        var once = StepFunction.Step(failed.Next, delay.Fired(), Now.AddSeconds(5));
        var twice = StepFunction.Step(once.Next, delay.Fired(), Now.AddSeconds(5));

        Assert.Equal(2, once.Next.Tasks["call"].Attempt);
        Assert.Same(once.Next, twice.Next);
    }

    [Fact]
    public void Cancel_WhileWaiting_CancelsEveryLiveTimerAndVoidsTokens()
    {
        var waiting = Start(Workflow(Flow("unordered", Delegate, """{"task": "nap", "action": "wait", "input": {"duration": "PT1H"}}""")));

        var cancelled = StepFunction.Step(waiting.Next, new OperatorCommand(ExecutionTrigger.Cancel), Now);

        Assert.Equal(ExecutionStatus.Cancelled, cancelled.Next.Status);
        Assert.Equal(waiting.Effects.OfType<ScheduleTimer>().Select(t => t.Serial), cancelled.Effects.OfType<CancelTimer>().Select(c => c.Serial));
        Assert.Contains(new VoidTokens("d", 1), cancelled.Effects);
        Assert.All(cancelled.Next.Tasks.Values, t => Assert.Empty(t.Timers));
        Assert.Same(cancelled.Next, StepFunction.Step(cancelled.Next, TimerOf(waiting, TimerKind.Timeout).Fired(), Now.AddMinutes(1)).Next);
    }

    [Fact]
    public void Child_ParentTaskTimesOut_CancelsTheChild_AndAFinishedChildIsNotCancelled()
    {
        var workflow = """{"task": "sub", "action": "workflow", "input": {"workflow": "other", "input": {}}, "timeout": "PT1M"}""";
        var waiting = Start(Linear(workflow));
        var done = StepFunction.Step(waiting.Next, new ChildFinished("sub", 1, true, JsonDocument.Parse("{}").RootElement, null), Now);

        var timedOut = StepFunction.Step(waiting.Next, TimerOf(waiting, TimerKind.Timeout).Fired(), Now.AddMinutes(1));

        Assert.Equal(WaitKind.Child, waiting.Next.Tasks["sub"].Wait);
        Assert.Empty(done.Effects.OfType<CancelChild>());
        Assert.Contains(new CancelChild("sub", 1), timedOut.Effects);
    }

    [Fact]
    public void ChildExecution_Finishing_NotifiesItsParent()
    {
        using var input = JsonDocument.Parse("{}");
        var parent = new ParentLink(Guid.Parse("6f1c2a9e-0000-4000-8000-0000000000aa"), "sub", 2);
        var state = ExecutionState.Create(Guid.Parse("6f1c2a9e-0000-4000-8000-000000000002"), Plan(Linear(Echo("a", "7", "\"provides\": \"x\""))), input.RootElement, parent: parent);

        var done = StepFunction.Step(state, new ExecutionStarted(), Now);

        var notice = Assert.Single(done.Effects.OfType<NotifyParent>());
        Assert.Equal(parent, notice.Parent);
        Assert.Equal(("sub", 2, true, """{"x":7}"""), (notice.Finished.Task, notice.Finished.Attempt, notice.Finished.Succeeded, notice.Finished.Output?.GetRawText()));
    }
}
