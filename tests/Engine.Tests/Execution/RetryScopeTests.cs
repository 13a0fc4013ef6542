using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;
using static WfaaS.Engine.Tests.TestKit.Executions;

namespace WfaaS.Engine.Tests.Execution;

/// <summary>SPEC §5.3 and TASKFLOW.md rules 12–14: retry scopes of nested flows and checkpoints.</summary>
public sealed class RetryScopeTests
{
    private const string Boom = """{"task": "c", "action": "fail", "input": {"message": "boom"}}""";
    private const string Call = """{"task": "call", "action": "http", "input": {"method": "GET", "url": "http://example.test/"}}""";

    private static string RetriedFlow(string name, int count, string delay, params string[] items) =>
        "{\"flow\": {\"name\": \"" + name + "\", \"type\": \"linear\", \"retry\": {\"count\": " + count + delay + "}, \"items\": [" + string.Join(", ", items) + "]}}";

    [Fact]
    public void FlowRetry_RevertsAndRerunsOnlyTheScopeThenPropagates()
    {
        var step = Start(Linear(Noop("a"), RetriedFlow("inner", 2, "", Noop("b"), Boom), Noop("d")));

        Assert.Equal(
            ["x:a", "x:b", "x:c!", "r:c", "r:b", "x:b", "x:c!", "r:c", "r:b", "x:b", "x:c!", "r:c", "r:b", "r:a"],
            Trace(step));
        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal((1, 3, 3), (step.Next.Tasks["a"].Attempt, step.Next.Tasks["b"].Attempt, step.Next.Tasks["c"].Attempt));
        Assert.Equal(TaskDetailStatus.Pending, StatusOf(step, "d"));
    }

    [Fact]
    public void CheckpointRetry_CoversTheItemsAfterIt()
    {
        var step = Start(Linear(Noop("a"), """{"checkpoint": "cp", "retry": {"count": 1}}""", Noop("b"), Boom));

        Assert.Equal(["x:a", "x:b", "x:c!", "r:c", "r:b", "x:b", "x:c!", "r:c", "r:b", "r:a"], Trace(step));
    }

    [Fact]
    public void FlowRetry_SucceedsOnTheSecondRun()
    {
        var first = Start(Linear(RetriedFlow("inner", 1, "", Call), Noop("after")));

        var failed = StepFunction.Step(first.Next, new ActionFailed("call", 1, new TaskError("HttpError", "503")), Now);
        var done = StepFunction.Step(failed.Next, new ActionCompleted("call", 2, JsonDocument.Parse("{}").RootElement), Now);

        Assert.Equal(ExecutionStatus.Running, failed.Next.Status);
        Assert.Equal(("call", 2), (failed.Effects.OfType<SendHttpRequest>().Single().Task, failed.Effects.OfType<SendHttpRequest>().Single().Attempt));
        Assert.Equal(ExecutionStatus.Success, done.Next.Status);
        Assert.Null(done.Next.Error);
    }

    [Fact]
    public void FlowRetry_WithDelay_WaitsForItsTimer()
    {
        var first = Start(Linear(RetriedFlow("inner", 1, ", \"delay\": \"PT5S\"", Call)));

        var failed = StepFunction.Step(first.Next, new ActionFailed("call", 1, new TaskError("HttpError", "503")), Now);
        var delay = failed.Effects.OfType<ScheduleTimer>().Single();
        var resumed = StepFunction.Step(failed.Next, delay.Fired(), Now.AddSeconds(5));

        Assert.Equal(((string?)null, TimerKind.ScopeRetry, Now.AddSeconds(5)), (delay.Task, delay.Kind, delay.DueAt));
        Assert.Equal(TaskDetailStatus.Pending, StatusOf(failed, "call"));
        Assert.Equal((TaskDetailStatus.Running, 2), (StatusOf(resumed, "call"), resumed.Next.Tasks["call"].Attempt));
    }

    [Fact]
    public void NestedScopes_InnerRetriesFirstThenTheParent()
    {
        var step = Start(Linear(Noop("a"), RetriedFlow("outer", 1, "", Noop("b"), RetriedFlow("inner", 1, "", Boom))));

        Assert.Equal(
            ["x:a", "x:b", "x:c!", "r:c", "x:c!", "r:c", "r:b", "x:b", "x:c!", "r:c", "x:c!", "r:c", "r:b", "r:a"],
            Trace(step));
        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
    }
}
