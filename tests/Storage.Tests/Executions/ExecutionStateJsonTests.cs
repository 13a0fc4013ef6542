using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Planning;
using WfaaS.Engine.Validation;
using WfaaS.Storage.Executions;

namespace WfaaS.Storage.Tests.Executions;

/// <summary>The <c>data</c> column keeps everything the step function knows: written, read back and written again, nothing is lost.</summary>
public sealed class ExecutionStateJsonTests
{
    [Fact]
    public void RoundTrip_KeepsTimersWaitsFanOutProgressAndErrors()
    {
        using var definition = JsonDocument.Parse("""
            {"name": "wf", "input": ["hosts"], "flow": {"type": "linear", "items": [
              {"task": "boot", "action": "delegate", "for_each": "${hosts}", "concurrency": 2, "timeout": "PT1H", "heartbeat": "PT1M", "provides": "vms"},
              {"checkpoint": "cp"},
              {"task": "after", "action": "noop"}
            ]}}
            """);
        var plan = PlanCompiler.Compile(DefinitionValidator.Validate(definition.RootElement).Definition!);
        using var input = JsonDocument.Parse("""{"hosts": ["a", "b", "c"]}""");
        var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var started = StepFunction.Step(ExecutionState.Create(Guid.CreateVersion7(now), plan, input.RootElement), new ExecutionStarted(), now);
        var state = StepFunction.Step(started.Next, new CallbackReceived("boot[0]", 1, true, JsonDocument.Parse("\"vm-a\"").RootElement, null), now.AddSeconds(1)).Next;

        var written = ExecutionStateJson.Write(state);
        var read = ExecutionStateJson.Read(state.Id, plan, state.Status, input.RootElement.GetRawText(), written, state.FinishedAt);

        Assert.Equal(written, ExecutionStateJson.Write(read));
        Assert.Equal(state.Tasks["boot"].FanOut!.Live, read.Tasks["boot"].FanOut!.Live);
        Assert.Equal([1, 2], read.Tasks["boot"].FanOut!.Live);
        Assert.Equal(state.Tasks["boot[1]"].Timers, read.Tasks["boot[1]"].Timers);
        Assert.Equal(WaitKind.Callback, read.Tasks["boot[2]"].Wait);
        Assert.Equal((state.LastSeq, state.LastTimer), (read.LastSeq, read.LastTimer));
    }
}
