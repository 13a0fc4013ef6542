using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.StateMachines;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;
using static WfaaS.Engine.Tests.TestKit.Executions;

namespace WfaaS.Engine.Tests.Execution;

/// <summary>SPEC §3.5 conditions: <c>when</c> on tasks and nested flows, skipping by data, exclusive branches joining again.</summary>
public sealed class WhenTests
{
    private const string Choose = """{"task": "choose", "action": "echo", "input": {"value": "${pick}"}, "provides": "choice"}""";

    [Fact]
    public void When_False_SkipsTheTaskWithItsCause_AndTheFlowGoesOn()
    {
        var step = Start(Workflow(Flow("linear", Choose,
            """{"task": "b", "action": "noop", "when": "choice == 'b'", "revert": {"action": "noop"}}""",
            Noop("after")), "\"input\": [\"pick\"]"), """{"pick": "c"}""");

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(TaskDetailStatus.Skipped, StatusOf(step, "b"));
        Assert.Equal(TaskDetailStatus.Success, StatusOf(step, "after"));
        var skip = Assert.Single(step.History, h => h.Name == "b");
        Assert.Equal(("PENDING", "SKIPPED", "when false"), (skip.From, skip.To, skip.Cause));
    }

    [Fact]
    public void ExclusiveBranches_JoinAgain_TheOneThatRanProvides()
    {
        var definition = Workflow(Flow("graph", Choose,
            """{"task": "b", "action": "echo", "input": {"value": "from b"}, "provides": "result", "when": "choice == 'b'"}""",
            """{"task": "c", "action": "echo", "input": {"value": "from c"}, "provides": "result", "when": "choice == 'c'"}""",
            """{"task": "d", "action": "echo", "input": {"value": "got ${result}"}, "provides": "final"}"""), "\"input\": [\"pick\"]");

        var viaC = Start(definition, """{"pick": "c"}""");
        var neither = Start(definition, """{"pick": "z"}""");

        Assert.Equal(ExecutionStatus.Success, viaC.Next.Status);
        Assert.Equal("got from c", viaC.Next.Symbols["final"].GetString());
        Assert.Equal((TaskDetailStatus.Skipped, TaskDetailStatus.Success), (StatusOf(viaC, "b"), StatusOf(viaC, "c")));
        Assert.Equal(ExecutionStatus.Success, neither.Next.Status);
        Assert.Equal(TaskDetailStatus.Skipped, StatusOf(neither, "d"));
        Assert.Equal("needs result", neither.History.Single(h => h.Name == "d").Cause);
    }

    [Fact]
    public void ExclusiveBranches_BothRun_TheSecondToSucceedFailsWithSymbolConflict()
    {
        var step = Start(Workflow(Flow("linear", Choose,
            """{"task": "b", "action": "echo", "input": {"value": 1}, "provides": "result", "when": "true"}""",
            """{"task": "c", "action": "echo", "input": {"value": 2}, "provides": "result", "when": "choice != ''"}"""), "\"input\": [\"pick\"]"), """{"pick": "x"}""");

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal(("c", "SymbolConflict"), (step.Next.Error?.Task, step.Next.Error?.Type));
    }

    [Fact]
    public void Skipping_PropagatesByDataOnly_AnAfterLinkOrdersButNeverSkips()
    {
        var step = Start(Graph(
            """{"task": "x", "action": "echo", "input": {"value": 1}, "provides": "x", "when": "false"}""",
            """{"task": "y", "action": "echo", "input": {"value": "${x}"}, "provides": "y"}""",
            """{"task": "z", "action": "echo", "input": {"value": "${y}"}, "provides": "z"}""",
            """{"task": "w", "action": "noop", "after": ["z"]}"""));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(
            [("x", "when false"), ("y", "needs x"), ("z", "needs y")],
            step.History.Where(h => h.To == "SKIPPED").Select(h => (h.Name, h.Cause)));
        Assert.Equal(TaskDetailStatus.Success, StatusOf(step, "w"));
    }

    [Fact]
    public void NestedFlowWhenFalse_SkipsEachOfItsTasks_AndTheCheckpointAfterIsReached()
    {
        var step = Start(Workflow(Flow("linear", Choose,
            """{"flow": {"name": "extra", "type": "linear", "when": "choice == 'extra'", "items": [{"task": "e1", "action": "noop"}, {"task": "e2", "action": "noop"}]}}""",
            Checkpoint("done"), Noop("last")), "\"input\": [\"pick\"]"), """{"pick": "plain"}""");

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal((TaskDetailStatus.Skipped, TaskDetailStatus.Skipped), (StatusOf(step, "e1"), StatusOf(step, "e2")));
        Assert.All(step.History.Where(h => h.To == "SKIPPED"), h => Assert.Equal("flow extra: when false", h.Cause));
        Assert.Equal(CheckpointStatus.Reached, step.Next.Checkpoints["done"]);
        Assert.Equal(["x:choose", "x:last"], Trace(step));
    }

    [Fact]
    public void NestedFlowWhenTrue_RunsItsTasks_DecidedOnce()
    {
        var step = Start(Workflow(Flow("linear", Choose,
            """{"flow": {"name": "extra", "type": "linear", "when": "choice == 'extra'", "items": [{"task": "e1", "action": "noop"}, {"task": "e2", "action": "noop", "when": "false"}, {"task": "e3", "action": "noop"}]}}"""),
            "\"input\": [\"pick\"]"), """{"pick": "extra"}""");

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(["x:choose", "x:e1", "x:e3"], Trace(step));
        Assert.Equal(TaskDetailStatus.Skipped, StatusOf(step, "e2"));
    }

    [Fact]
    public void When_Throws_FailsTheItemWithConditionError_WhichIsNeverReverted()
    {
        var step = Start(Linear(
            """{"task": "a", "action": "noop", "revert": {"action": "noop"}}""",
            """{"task": "b", "action": "noop", "when": "(() => { throw new Error('bad') })()", "revert": {"action": "fail", "input": {"message": "must not run"}}}"""));

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal(("b", "ConditionError"), (step.Next.Error?.Task, step.Next.Error?.Type));
        Assert.Contains("bad", step.Next.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(0, step.Next.Tasks["b"].Attempt);
        Assert.Equal(["x:a", "!:b", "r:b", "r:a"], Trace(step));
        Assert.Equal("never ran", step.History.Single(h => h.Name == "b" && h.To == "REVERTED").Cause);
    }

    [Fact]
    public void When_LoopsForEver_FailsWithConditionError()
    {
        var step = Start(Linear("""{"task": "b", "action": "noop", "when": "while (true) {}"}"""));

        Assert.Equal(("b", "ConditionError"), (step.Next.Error?.Task, step.Next.Error?.Type));
        Assert.Empty(step.Effects.OfType<SendHttpRequest>());
    }

    [Fact]
    public void Repeat_ResetsSkippedTasks_SoTheyAreDecidedAgain()
    {
        var step = Start(Workflow(Flow("linear", """{"task": "b", "action": "noop", "when": "false"}"""), "\"repeat\": {\"every\": \"PT1M\", \"times\": 1}"));
        var again = StepFunction.Step(step.Next, TimerOf(step, TimerKind.Repeat).Fired(), Now.AddMinutes(1));

        Assert.Equal(2, again.History.Count(h => h.Name == "b" && h.To == "SKIPPED") + step.History.Count(h => h.Name == "b" && h.To == "SKIPPED"));
        Assert.Equal(ExecutionStatus.Success, again.Next.Status);
    }
}
