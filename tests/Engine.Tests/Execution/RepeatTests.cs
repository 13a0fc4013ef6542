using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;
using static WfaaS.Engine.Tests.TestKit.Executions;

namespace WfaaS.Engine.Tests.Execution;

/// <summary>SPEC §5.6 <c>repeat: {every, times?}</c> on the root flow.</summary>
public sealed class RepeatTests
{
    [Fact]
    public void Repeat_WaitsEveryThenRunsAgainTimesMoreThenSucceeds()
    {
        var definition = Workflow(Flow("linear", Echo("a", "1", "\"provides\": \"one\""), Checkpoint("cp"), Noop("b")), "\"repeat\": {\"every\": \"PT1H\", \"times\": 1}");

        var first = Start(definition);
        var repeat = first.Effects.OfType<ScheduleTimer>().Single();
        var second = StepFunction.Step(first.Next, repeat.Fired(), Now.AddHours(1));

        Assert.Equal(ExecutionStatus.Running, first.Next.Status);
        Assert.Equal(((string?)null, TimerKind.Repeat, Now.AddHours(1)), (repeat.Task, repeat.Kind, repeat.DueAt));
        Assert.All(first.Next.Tasks.Values, t => Assert.Equal(TaskDetailStatus.Pending, t.Status));
        Assert.Equal(CheckpointStatus.Pending, first.Next.Checkpoints["cp"]);
        Assert.Equal("""{"one":1}""", first.Next.Output?.GetRawText());
        Assert.Equal(ExecutionStatus.Success, second.Next.Status);
        Assert.Equal((2, 2), (second.Next.Runs, second.Next.Tasks["b"].Attempt));
    }

    [Fact]
    public void Repeat_StaleTimer_DoesNothing()
    {
        var first = Start(Workflow(Flow("linear", Noop("a")), "\"repeat\": {\"every\": \"PT1M\"}"));

        var live = first.Effects.OfType<ScheduleTimer>().Single();

        var stale = StepFunction.Step(first.Next, new TimerFired(null, live.Serial + 1), Now.AddMinutes(1));

        Assert.Same(first.Next, stale.Next);
    }
}
