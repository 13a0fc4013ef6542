using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;
using static WfaaS.Engine.Tests.TestKit.Executions;

namespace WfaaS.Engine.Tests.Execution;

/// <summary>SPEC §5.1–5.2 and TASKFLOW.md's examples, on the pure step function.</summary>
public sealed class StepFunctionTests
{
    private const string FailTask = "\"action\": \"fail\", \"input\": {\"message\": \"boom\"}";
    private const string RevertNoop = "\"revert\": {\"action\": \"noop\"}";

    private static string Fail(string name, string extra = "") =>
        $$"""{"task": "{{name}}", {{FailTask}}{{(extra.Length > 0 ? ", " + extra : "")}}}""";

    [Fact]
    public void Step_LinearOfNoops_SucceedsInOneStepInOrder()
    {
        var step = Start(Linear(Noop("a"), Noop("b"), Noop("c")));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(["x:a", "x:b", "x:c"], Trace(step));
        Assert.Equal(Enumerable.Range(1, step.History.Count()).Select(i => (long)i), step.History.Select(h => h.Seq));
        Assert.Equal(step.History.Last().Seq, step.Next.LastSeq);
        Assert.Equal(Now, step.Next.FinishedAt);
    }

    [Fact]
    public void Step_LinearMiddleFails_RevertsBackwardAndLeavesLaterPending()
    {
        var step = Start(Linear(Noop("a", RevertNoop), Fail("b", RevertNoop), Noop("c", RevertNoop)));

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal(["x:a", "x:b!", "r:b", "r:a"], Trace(step));
        Assert.Equal(TaskDetailStatus.Pending, StatusOf(step, "c"));
        Assert.DoesNotContain(step.History, h => h.Name == "c");
        Assert.Equal("b", step.Next.Error?.Task);
        Assert.Equal("ActionFailed", step.Next.Error?.Type);
        Assert.Equal("boom", step.Next.Error?.Message);
    }

    [Fact]
    public void Step_LinearLastFails_RevertsAllNewestFirst()
    {
        var step = Start(Linear(Noop("a"), Noop("b"), Fail("c")));

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal(["x:a", "x:b", "x:c!", "r:c", "r:b", "r:a"], Trace(step));
    }

    [Fact]
    public void Step_DiamondFailsAtJoin_RevertsJoinThenBranchesThenSource()
    {
        var step = Start(Graph(
            Noop("a", "\"provides\": \"x\""),
            Echo("b", "\"${x}\"", "\"provides\": \"y\""),
            Echo("c", "\"${x}\"", "\"provides\": \"z\""),
            Fail("d", "\"requires\": [\"y\", \"z\"]")));

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        AssertOrder(Trace(step), "x:a", "x:b x:c", "x:d!", "r:d", "r:b r:c", "r:a");
        AssertStartedTogether(step, "b", "c");
    }

    [Fact]
    public void Step_FanOutOneWorkerFails_AllWorkersRunAndAllRevertedSourceLast()
    {
        var step = Start(Graph(
            Noop("src", "\"provides\": \"s\""),
            Echo("w1", "\"${s}\"", "\"provides\": \"o1\""),
            Fail("w2", "\"requires\": [\"s\"], \"provides\": \"o2\""),
            Echo("w3", "\"${s}\"", "\"provides\": \"o3\""),
            Noop("sink", "\"requires\": [\"o1\", \"o2\", \"o3\"]")));

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        AssertOrder(Trace(step), "x:src", "x:w1 x:w2! x:w3", "r:w1 r:w2 r:w3", "r:src");
        AssertStartedTogether(step, "w1", "w2", "w3");
        Assert.Equal(TaskDetailStatus.Pending, StatusOf(step, "sink"));
        Assert.DoesNotContain(step.History, h => h.Name == "sink");
    }

    [Fact]
    public void Step_RevertFails_ExecutionFailedAndEarlierTasksNotReverted()
    {
        var step = Start(Linear(
            Noop("a", RevertNoop),
            Noop("b", "\"revert\": {\"action\": \"fail\", \"input\": {\"message\": \"cannot undo\"}}"),
            Fail("c", RevertNoop)));

        Assert.Equal(ExecutionStatus.Failed, step.Next.Status);
        Assert.Equal(["x:a", "x:b", "x:c!", "r:c", "r:b!"], Trace(step));
        Assert.Equal(TaskDetailStatus.Success, StatusOf(step, "a"));
        Assert.Equal(TaskDetailStatus.RevertFailure, StatusOf(step, "b"));
        Assert.Equal("cannot undo", step.Next.Tasks["b"].Error?.Message);
    }

    [Fact]
    public void Step_GraphWithLinearSubflowAndIndependentTask_Succeeds()
    {
        var step = Start(Graph(Nested("linear", Noop("a"), Noop("b"), Noop("c")), Noop("d")));

        // TaskFlow: a before b before c; d anywhere (it depends on nothing).
        var trace = Trace(step);
        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(["x:a", "x:b", "x:c"], trace.Where(t => t != "x:d"));
        Assert.Single(trace, t => t == "x:d");
    }

    [Fact]
    public void Step_GraphSecondNestedFlowAfterFirst_RunsAllOfFirstBeforeAnyOfSecond()
    {
        // "second" is listed first, so only its 'after' can put it behind "first".
        var second = NamedNested("second", "unordered", Noop("c"), Noop("d")).Replace("\"type\"", "\"after\": [\"first\"], \"type\"", StringComparison.Ordinal);
        Assert.Contains("\"after\": [\"first\"]", second, StringComparison.Ordinal);
        var step = Start(Graph(second, NamedNested("first", "unordered", Noop("a"), Noop("b"))));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        AssertOrder(Trace(step), "x:a x:b", "x:c x:d");
        var history = step.History.Where(h => h.Subject == HistorySubject.Task).Select(h => $"{h.Name}:{h.To}").ToList();
        Assert.True(history.IndexOf("c:RUNNING") > history.IndexOf("a:SUCCESS") && history.IndexOf("c:RUNNING") > history.IndexOf("b:SUCCESS"), string.Join(" ", history));
    }

    [Fact]
    public void Step_UnorderedOneFails_AllStartedTogetherAndAllReverted()
    {
        var step = Start(Workflow(Flow("unordered", Noop("a"), Fail("b"), Noop("c"))));

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        AssertOrder(Trace(step), "x:a x:b! x:c", "r:a r:b r:c");
        AssertStartedTogether(step, "a", "b", "c");
    }

    [Fact]
    public void Step_TwoFailuresInOneWave_ErrorNamesFirstAndListsBoth()
    {
        var step = Start(Workflow(Flow("unordered", Fail("a"), Noop("b"), Fail("c"))));

        var error = step.Next.Error!;
        Assert.Equal("a", error.Task);
        Assert.Equal(["a", "c"], error.Failures.Select(f => f.Task));
    }

    [Fact]
    public void Step_NestedThreeLevelsDeep_RunsInTaskFlowOrder()
    {
        // linear(a, graph(b, unordered(c, linear(d, e))), f): the graph's items do not depend on each
        // other, so b, c and d become ready together when a is done (rules 1, 5); e follows d (rule 1);
        // f waits for every task of the nested graph (rule 3).
        var step = Start(Linear(
            Noop("a"),
            Nested("graph", Noop("b"), Nested("unordered", Noop("c"), Nested("linear", Noop("d"), Noop("e")))),
            Noop("f")));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        AssertOrder(Trace(step), "x:a", "x:b x:c x:d", "x:e", "x:f");
        AssertStartedTogether(step, "b", "c", "d");
        var history = step.History.Where(h => h.Subject == HistorySubject.Task).Select(h => $"{h.Name}:{h.To}").ToList();
        Assert.All(["b", "c", "d", "e"], t => Assert.True(history.IndexOf($"{t}:SUCCESS") < history.IndexOf("f:RUNNING"), string.Join(" ", history)));
        Assert.All(step.Next.Tasks.Values, t => Assert.Equal((TaskDetailStatus.Success, 1), (t.Status, t.Attempt)));
    }

    [Fact]
    public void Step_FailedTaskRevert_ReceivesCtxError()
    {
        var step = Start(Linear(Fail("a", "\"revert\": {\"action\": \"echo\", \"input\": {\"value\": \"undo after ${ctx.error.message}\"}}")));

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal("undo after boom", step.Next.Tasks["a"].RevertResult?.GetString());
    }

    [Fact]
    public void Step_DataBinding_KeepsJsonTypesInterpolatesTextAndRestrictsOutput()
    {
        var definition = Workflow(
            Flow("linear",
                Echo("make", """{"id": 7, "tags": ["x", "y"]}""", "\"provides\": {\"id\": \"id\", \"second\": \"tags.1\", \"all\": \"tags\"}"),
                Echo("whole", "\"${all}\"", "\"provides\": \"copy\""),
                Echo("text", "\"${who}: ${id}/${second} in ${ctx.task}\"", "\"provides\": \"line\"")),
            "\"input\": [\"who\"], \"output\": [\"copy\", \"line\"]");

        var step = Start(definition, """{"who": "ann"}""");

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        var output = step.Next.Output!.Value;
        Assert.Equal(["copy", "line"], output.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Array, output.GetProperty("copy").ValueKind);
        Assert.Equal("ann: 7/y in text", output.GetProperty("line").GetString());
        Assert.Equal(7, step.Next.Symbols["id"].GetInt32());
    }

    [Fact]
    public void Step_OutputOmitted_ReturnsEveryProvidedSymbol()
    {
        var step = Start(Linear(Echo("a", "1", "\"provides\": \"one\""), Echo("b", "null", "\"provides\": \"nothing\"")));

        Assert.Equal("""{"one":1,"nothing":null}""", step.Next.Output?.GetRawText());
    }

    [Fact]
    public void Step_ProvidesPathMissingFromResult_FailsWithResultPathNotFound()
    {
        var step = Start(Linear(Echo("a", """{"x": 1}""", "\"provides\": {\"y\": \"missing.path\"}")));

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal("ResultPathNotFound", step.Next.Tasks["a"].Error?.Type);
    }

    [Fact]
    public void Step_FailedTaskWithRetry_RetriesBehindTimerThenReverts()
    {
        var time = new FakeTimeProvider(Now);
        var first = Start(Linear(Noop("a"), Fail("b", "\"retry\": {\"count\": 1, \"delay\": \"PT2S\"}")));

        Assert.Equal(ExecutionStatus.Running, first.Next.Status);
        Assert.Equal(TaskDetailStatus.Retrying, StatusOf(first, "b"));
        var retry = first.Effects.OfType<ScheduleTimer>().Single();
        Assert.Equal(("b", TimerKind.Retry, Now.AddSeconds(2)), (retry.Task, retry.Kind, retry.DueAt));

        time.Advance(TimeSpan.FromSeconds(2));
        var second = StepFunction.Step(first.Next, retry.Fired(), time.GetUtcNow());

        Assert.Equal(ExecutionStatus.Reverted, second.Next.Status);
        Assert.Equal(2, second.Next.Tasks["b"].Attempt);
        Assert.Equal(["x:a", "x:b"], Trace(first));
        Assert.Equal(["x:b!", "r:b", "r:a"], Trace(second));
        Assert.Equal(first.Next.LastSeq + 1, second.History.First().Seq);
    }

    [Fact]
    public void Step_Wait_SuspendsBehindTimerAndCompletesWhenItFires()
    {
        var time = new FakeTimeProvider(Now);
        var first = Start(Linear(
            """{"task": "pause", "action": "wait", "input": {"duration": "PT2S"}, "provides": "fired"}""", Noop("after")));

        Assert.Equal(TaskDetailStatus.Waiting, StatusOf(first, "pause"));
        var timer = first.Effects.OfType<ScheduleTimer>().Single();
        Assert.Equal(("pause", TimerKind.Wait, Now.AddSeconds(2)), (timer.Task, timer.Kind, timer.DueAt));

        time.Advance(TimeSpan.FromSeconds(2));
        var second = StepFunction.Step(first.Next, timer.Fired(), time.GetUtcNow());

        Assert.Equal(ExecutionStatus.Success, second.Next.Status);
        Assert.Equal("2026-11-24T08:00:02Z", second.Next.Symbols["fired"].GetProperty("fired_at").GetString());
    }

    [Fact]
    public void Step_HttpAction_EmitsARequestAndIgnoresStaleReports()
    {
        var first = Start(Linear(
            """{"task": "call", "action": "http", "input": {"method": "GET", "url": "http://example.test/"}, "provides": "response"}"""));
        var send = first.Effects.OfType<SendHttpRequest>().Single();
        Assert.Equal(("call", 1, "http://example.test/"), (send.Task, send.Attempt, send.Input?.GetProperty("url").GetString()));
        Assert.Equal(TaskDetailStatus.Running, StatusOf(first, "call"));

        var result = JsonDocument.Parse("""{"status": 200}""").RootElement;
        var done = StepFunction.Step(first.Next, new ActionCompleted("call", 1, result), Now);
        var duplicate = StepFunction.Step(done.Next, new ActionCompleted("call", 1, result), Now);

        Assert.Equal(ExecutionStatus.Success, done.Next.Status);
        Assert.Same(done.Next, duplicate.Next);
        Assert.Empty(duplicate.Effects);
    }

    [Fact]
    public void Step_ExternalActionOutlivesTimeout_FailsWithTimeoutAndIgnoresLateReport()
    {
        var time = new FakeTimeProvider(Now);
        var first = Start(Linear(
            """{"task": "call", "action": "http", "input": {"method": "GET", "url": "http://example.test/"}, "timeout": "PT30S"}"""));
        var timeout = first.Effects.OfType<ScheduleTimer>().Single();
        Assert.Equal(("call", TimerKind.Timeout, Now.AddSeconds(30)), (timeout.Task, timeout.Kind, timeout.DueAt));

        time.Advance(TimeSpan.FromSeconds(30));
        var timedOut = StepFunction.Step(first.Next, timeout.Fired(), time.GetUtcNow());
        var late = StepFunction.Step(timedOut.Next, new ActionCompleted("call", 1, null), time.GetUtcNow());

        Assert.Equal(ExecutionStatus.Reverted, timedOut.Next.Status);
        Assert.Equal("Timeout", timedOut.Next.Error?.Type);
        Assert.Same(timedOut.Next, late.Next);
    }

    [Fact]
    public void Step_RevertToCheckpoint_RevertsOnlyAfterTheCheckpointAndRetryResumesThere()
    {
        var definition = Workflow(
            Flow("linear", Noop("a", RevertNoop), Checkpoint("saved"), Noop("b", RevertNoop), Fail("c", RevertNoop)),
            "\"on_failure\": \"revert_to_checkpoint\"");

        var step = Start(definition);

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal("saved", step.Next.Checkpoint);
        Assert.Equal(["x:a", "x:b", "x:c!", "r:c", "r:b"], Trace(step));
        Assert.Equal(TaskDetailStatus.Success, StatusOf(step, "a"));

        var retried = StepFunction.Step(step.Next, new OperatorCommand(ExecutionTrigger.Retry), Now);

        Assert.Equal(["x:b", "x:c!", "r:c", "r:b"], Trace(retried));
        Assert.Equal(1, retried.Next.Tasks["a"].Attempt);
        Assert.Equal(2, retried.Next.Tasks["b"].Attempt);
    }

    [Fact]
    public void Step_OnFailurePause_PausesWithErrorAndRevertsNothing()
    {
        var step = Start(Workflow(Flow("linear", Noop("a"), Fail("b")), "\"on_failure\": \"pause\""));

        Assert.Equal(ExecutionStatus.Paused, step.Next.Status);
        Assert.Equal("b", step.Next.Error?.Task);
        Assert.DoesNotContain("r:a", Trace(step));
    }

    [Fact]
    public void Step_StopAt_PausesWhenCheckpointReached()
    {
        var step = Start(Linear(Noop("a"), Checkpoint("half"), Noop("b")), stopAt: "half");

        Assert.Equal(ExecutionStatus.Paused, step.Next.Status);
        Assert.Equal("half", step.Next.Checkpoint);
        Assert.Equal(CheckpointStatus.Reached, step.Next.Checkpoints["half"]);
        Assert.Equal(TaskDetailStatus.Pending, StatusOf(step, "b"));
    }

    [Fact]
    public void Step_EveryTransition_LandsInHistoryWithTaskAttempt()
    {
        var step = Start(Linear(Noop("a"), Fail("b")));

        var task = step.History.Where(h => h.Subject == HistorySubject.Task).ToList();
        Assert.All(task, h => Assert.Equal(1, h.Attempt));
        Assert.Equal(("PENDING", "RUNNING"), (task[0].From, task[0].To));
        var execution = step.History.Where(h => h.Subject == HistorySubject.Execution).Select(h => (h.From, h.To));
        Assert.Equal([(null, "RUNNING"), ("RUNNING", "REVERTING"), ("REVERTING", "REVERTED")], execution);
    }
}
