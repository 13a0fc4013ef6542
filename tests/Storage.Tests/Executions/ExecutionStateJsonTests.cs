using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
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
        state = state.WithToken("boot[1]", 1, new WaitToken("n1")).WithToken("boot[2]", 1, new WaitToken("a", "ann")).WithToken("boot[2]", 1, new WaitToken("b", "bob"));

        var written = ExecutionStateJson.Write(state);
        var read = ExecutionStateJson.Read(state.Id, plan, state.Status, input.RootElement.GetRawText(), written, state.FinishedAt);

        Assert.Equal(written, ExecutionStateJson.Write(read));
        Assert.Equal(state.Tasks["boot"].FanOut!.Live, read.Tasks["boot"].FanOut!.Live);
        Assert.Equal([1, 2], read.Tasks["boot"].FanOut!.Live);
        Assert.Equal(state.Tasks["boot[1]"].Timers, read.Tasks["boot[1]"].Timers);
        Assert.Equal(WaitKind.Callback, read.Tasks["boot[2]"].Wait);
        Assert.Equal([new WaitToken("n1")], read.Tasks["boot[1]"].Tokens);
        Assert.Equal([new WaitToken("a", "ann"), new WaitToken("b", "bob")], read.Tasks["boot[2]"].Tokens);
        Assert.Contains("\"token\":\"n1\"", written, StringComparison.Ordinal);
        Assert.Equal((state.LastSeq, state.LastTimer), (read.LastSeq, read.LastTimer));
    }

    [Fact]
    public void Write_CopiesTheTasksAStepLeftAsRead_AndWritesTheSameAsAFullWrite()
    {
        using var definition = JsonDocument.Parse("""
            {"name": "wf", "flow": {"type": "linear", "items": [
              {"task": "first", "action": "noop"},
              {"task": "job", "action": "delegate"},
              {"task": "after", "action": "noop"}
            ]}}
            """);
        var plan = PlanCompiler.Compile(DefinitionValidator.Validate(definition.RootElement).Definition!);
        var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var waiting = StepFunction.Step(ExecutionState.Create(Guid.CreateVersion7(now), plan, JsonDocument.Parse("{}").RootElement), new ExecutionStarted(), now).Next;
        var stored = new Dictionary<string, (TaskDetail Task, JsonElement Json)>(StringComparer.Ordinal);
        var read = ExecutionStateJson.Read(waiting.Id, plan, waiting.Status, "{}", ExecutionStateJson.Write(waiting), waiting.FinishedAt, stored);

        var next = StepFunction.Step(read, new CallbackReceived("job", 1, true, JsonDocument.Parse("1").RootElement, null), now.AddSeconds(1)).Next;

        Assert.Same(read.Tasks["first"], next.Tasks["first"]);
        Assert.NotSame(read.Tasks["job"], next.Tasks["job"]);
        Assert.Equal(ExecutionStateJson.Write(next), ExecutionStateJson.Write(next, stored));
    }

    [Fact]
    public void Write_LeavesOutWhatReadingRestores_AndReadRestoresIt()
    {
        using var definition = JsonDocument.Parse("""
            {"name": "wf", "flow": {"type": "linear", "items": [
              {"task": "job", "action": "delegate"},
              {"checkpoint": "cp"},
              {"task": "after", "action": "noop"}
            ]}}
            """);
        var plan = PlanCompiler.Compile(DefinitionValidator.Validate(definition.RootElement).Definition!);
        using var input = JsonDocument.Parse("{}");
        var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var waiting = StepFunction.Step(ExecutionState.Create(Guid.CreateVersion7(now), plan, input.RootElement), new ExecutionStarted(), now).Next;

        var written = ExecutionStateJson.Write(waiting);
        var read = ExecutionStateJson.Read(waiting.Id, plan, waiting.Status, "{}", written, waiting.FinishedAt);

        using (var stored = JsonDocument.Parse(written))
        {
            Assert.False(stored.RootElement.TryGetProperty("symbols", out _));
            Assert.False(stored.RootElement.TryGetProperty("checkpoints", out _));
            Assert.Equal(["job"], stored.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        }

        Assert.Equal(TaskDetail.Pending("after"), read.Tasks["after"]);
        Assert.Equal(waiting.Tasks["job"], read.Tasks["job"]);
        Assert.Equal(CheckpointStatus.Pending, read.Checkpoints["cp"]);
        Assert.Equal(written, ExecutionStateJson.Write(read));

        var done = StepFunction.Step(waiting, new CallbackReceived("job", 1, true, JsonDocument.Parse("1").RootElement, null), now.AddSeconds(1)).Next;
        var doneRead = ExecutionStateJson.Read(done.Id, plan, done.Status, "{}", ExecutionStateJson.Write(done), done.FinishedAt);
        Assert.Equal(done.Checkpoints["cp"], doneRead.Checkpoints["cp"]);
        Assert.NotEqual(CheckpointStatus.Pending, doneRead.Checkpoints["cp"]);
        Assert.Equal(done.Tasks["after"].Status, doneRead.Tasks["after"].Status);
    }
}
