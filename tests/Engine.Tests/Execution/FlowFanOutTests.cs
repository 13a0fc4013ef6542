using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Tests.TestKit;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;
using static WfaaS.Engine.Tests.TestKit.Executions;

namespace WfaaS.Engine.Tests.Execution;

/// <summary>SPEC §3.6 <c>for_each</c> on a nested flow: each element runs the flow's items, with its own symbols.</summary>
public sealed class FlowFanOutTests
{
    private const string Install = """{"task": "install", "action": "echo", "input": {"value": "${host}#${ctx.index}"}, "provides": "installed"}""";
    private const string Configure = """{"task": "configure", "action": "echo", "input": {"value": "${installed}/ok"}, "provides": "configured"}""";

    private readonly Archive _archive = new();

    private static string Hosts(int count) => JsonSerializer.Serialize(new { hosts = Enumerable.Range(0, count).Select(i => $"h{i}") });

    private static string Deploy(string fields, params string[] items) =>
        $$"""{"flow": {"name": "deploy", "type": "linear", "for_each": "${hosts}", "as": "host", {{fields}} "items": [{{string.Join(", ", items)}}]""" + "}}";

    private static string WithHosts(string deploy, string extra = "") =>
        Workflow(Flow("linear", deploy, Echo("after", "\"${configured}\"", "\"provides\": \"seen\"")), "\"input\": [\"hosts\"]" + extra);

    [Fact]
    public void LinearFlowOverThreeHosts_ConcurrencyTwo_RunsEachElementInOrder_AndGathersArraysOutside()
    {
        var step = _archive.Start(WithHosts(Deploy("\"concurrency\": 2,", Install, Configure)), Hosts(3));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(
            ["x:deploy", "x:deploy[0].install", "x:deploy[1].install", "x:deploy[0].configure", "x:deploy[1].configure",
             "x:deploy[2].install", "x:deploy[2].configure", "x:after"],
            Trace(step));
        Assert.Equal("""["h0#0","h1#1","h2#2"]""", step.Next.Symbols["installed"].GetRawText());
        Assert.Equal("""["h0#0/ok","h1#1/ok","h2#2/ok"]""", step.Next.Symbols["configured"].GetRawText());
        Assert.Equal("""["h0#0/ok","h1#1/ok","h2#2/ok"]""", step.Next.Symbols["seen"].GetRawText());
        Assert.Equal(2, _archive.Task(step, "deploy[2].configure").Index);
        Assert.Equal("\"h1#1/ok\"", _archive.Task(step, "deploy[1].configure").Result?.GetRawText());
        Assert.Equal(TaskDetailStatus.Success, StatusOf(step, "deploy"));
        Assert.Equal("""[{"installed":"h0#0","configured":"h0#0/ok"},{"installed":"h1#1","configured":"h1#1/ok"},{"installed":"h2#2","configured":"h2#2/ok"}]""",
            step.Next.Tasks["deploy"].Result?.GetRawText());
        Assert.Equal("""{"installed":["h0#0","h1#1","h2#2"],"configured":["h0#0/ok","h1#1/ok","h2#2/ok"],"seen":["h0#0/ok","h1#1/ok","h2#2/ok"]}""",
            step.Next.Output?.GetRawText());
    }

    [Fact]
    public void GraphFlowInside_EachElementOrdersByItsOwnData()
    {
        var graph = """{"flow": {"name": "deploy", "type": "graph", "for_each": "${hosts}", "as": "host", "items": ["""
            + Configure + ", " + Install + "]}}";

        var step = _archive.Start(WithHosts(graph), Hosts(2));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(["x:deploy", "x:deploy[0].install", "x:deploy[1].install", "x:deploy[0].configure", "x:deploy[1].configure", "x:after"], Trace(step));
        Assert.Equal("""["h0#0/ok","h1#1/ok"]""", step.Next.Symbols["configured"].GetRawText());
    }

    [Fact]
    public void DelegateInside_EachInstanceHasItsOwnToken_AndTheNextElementStartsWhenOneFinishes()
    {
        var boot = """{"task": "boot", "action": "delegate", "input": {"url": "http://jobs.example/boot/${host}"}, "timeout": "PT1H", "provides": {"installed": "id"}}""";
        var started = _archive.Start(WithHosts(Deploy("\"concurrency\": 2,", boot, Configure)), Hosts(3));

        Assert.Equal(["deploy[0].boot", "deploy[1].boot"], started.Effects.OfType<MintToken>().Select(m => m.Task));
        Assert.Equal(["http://jobs.example/boot/h0", "http://jobs.example/boot/h1"],
            started.Effects.OfType<SendDelegateRequest>().Select(d => d.Input!.Value.GetProperty("url").GetString()));
        Assert.Equal(["deploy[0].boot", "deploy[1].boot"], started.Effects.OfType<ScheduleTimer>().Where(t => t.Kind == TimerKind.Timeout).Select(t => t.Task));
        Assert.Equal(TaskDetailStatus.Pending, StatusOf(started, "deploy[0].configure"));

        var one = _archive.Step(started.Next, new CallbackReceived("deploy[1].boot", 1, true, Json("""{"id": "vm1"}"""), null), Now.AddSeconds(1));

        Assert.Equal(["deploy[2].boot"], one.Effects.OfType<MintToken>().Select(m => m.Task));
        Assert.Contains(one.History, h => h.Name == "deploy[1].configure" && h.To == "SUCCESS");
        Assert.True(_archive.Has("deploy[1].configure"));
        Assert.DoesNotContain(one.Next.Tasks.Keys, k => k.StartsWith("deploy[1]", StringComparison.Ordinal));
        Assert.Equal("\"vm1/ok\"", _archive.Task(one, "deploy[1].configure").Result?.GetRawText());

        var stale = _archive.Step(one.Next, new CallbackReceived("deploy[0].boot", 2, true, Json("""{"id": "x"}"""), null), Now.AddSeconds(2));
        Assert.Empty(stale.Effects);

        var step = one;
        foreach (var index in new[] { 2, 0 })
        {
            step = _archive.Step(step.Next, new CallbackReceived($"deploy[{index}].boot", 1, true, Json($$"""{"id": "vm{{index}}"}"""), null), Now.AddSeconds(3));
        }

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(1, _archive.Loads);
        Assert.Equal("""["vm0","vm1","vm2"]""", step.Next.Symbols["installed"].GetRawText());
        Assert.Equal("""["vm0/ok","vm1/ok","vm2/ok"]""", step.Next.Symbols["seen"].GetRawText());
        Assert.Equal(["deploy", "after"], step.Next.OrderedTasks().Select(t => t.Name));
    }

    [Fact]
    public void OneElementFailingInItsMiddle_CancelsTheWaiting_RevertsEachElementInReverseOrder_TheLastToFinishFirst()
    {
        var install = """{"task": "install", "action": "echo", "input": {"value": "${host}#${ctx.index}"}, "provides": "installed", "revert": {"action": "echo", "input": {"value": "undo install ${installed}"}}}""";
        var configure = """{"task": "configure", "action": "delegate", "provides": "configured", "revert": {"action": "echo", "input": {"value": "undo configure ${installed} ${ctx.error.type}"}}}""";
        var check = """{"task": "check", "action": "noop"}""";
        var started = _archive.Start(WithHosts(Deploy("\"concurrency\": 3,", install, configure, check)), Hosts(4));
        Assert.Equal(["deploy[0].configure", "deploy[1].configure", "deploy[2].configure"], started.Effects.OfType<MintToken>().Select(m => m.Task));

        var first = _archive.Step(started.Next, new CallbackReceived("deploy[0].configure", 1, true, null, null), Now.AddSeconds(1));
        Assert.Equal(["deploy[3].configure"], first.Effects.OfType<MintToken>().Select(m => m.Task));

        var failed = _archive.Step(first.Next, new CallbackReceived("deploy[1].configure", 1, false, null, new TaskError("ConfigFailed", "no disk")), Now.AddSeconds(2));

        Assert.Equal(ExecutionStatus.Reverted, failed.Next.Status);
        Assert.Equal(("deploy[1].configure", "ConfigFailed"), (failed.Next.Error?.Task, failed.Next.Error?.Type));
        Assert.Contains(new VoidTokens("deploy[2].configure", 1), failed.Effects);
        Assert.Contains(new VoidTokens("deploy[3].configure", 1), failed.Effects);
        Assert.Empty(failed.Effects.OfType<MintToken>());
        var reverting = failed.History.Where(h => h.To == "REVERTING" && h.Name.StartsWith("deploy[", StringComparison.Ordinal)).Select(h => h.Name).ToList();

        // Waiting elements first (the higher index first), then the failed one (finished last), then the one that succeeded;
        // inside each, the reverse of its order; check never ran in 1, 2 and 3 and is not reverted; 0's check had no revert.
        Assert.Equal(
            ["deploy[3].configure", "deploy[2].configure", "deploy[1].configure",
             "deploy[3].install", "deploy[2].install", "deploy[1].install", "deploy[0].configure", "deploy[0].install"],
            reverting);
        Assert.Equal("\"undo configure h1#1 ConfigFailed\"", _archive.Task(failed, "deploy[1].configure").RevertResult?.GetRawText());
        Assert.Equal("\"undo install h0#0\"", _archive.Task(failed, "deploy[0].install").RevertResult?.GetRawText());
        Assert.Equal(TaskDetailStatus.Reverted, _archive.Task(failed, "deploy[0].check").Status);
        Assert.Equal(TaskDetailStatus.Pending, _archive.Task(failed, "deploy[1].check").Status);
        Assert.Equal(TaskDetailStatus.Reverted, StatusOf(failed, "deploy"));
        Assert.Equal(TaskDetailStatus.Pending, StatusOf(failed, "after"));
        Assert.Contains(failed.History, h => h.Name == "deploy" && h.From == "FAILURE" && h.To == "REVERTING");
    }

    [Fact]
    public void ConcurrencyOne_RevertsOneElementAtATime()
    {
        var install = """{"task": "install", "action": "noop", "revert": {"action": "noop"}}""";
        var configure = """{"task": "configure", "action": "fail", "input": {"message": "${host}"}, "provides": "configured", "revert": {"action": "noop"}}""";
        var step = _archive.Start(WithHosts(Deploy("\"concurrency\": 1, \"max_failures\": 1,", install, configure)), Hosts(3));

        Assert.Equal(("deploy[1].configure", "ActionFailed"), (step.Next.Error?.Task, step.Next.Error?.Type));
        Assert.Equal(
            ["x:deploy!", "x:deploy[0].install", "x:deploy[0].configure!", "x:deploy[1].install", "x:deploy[1].configure!",
             "r:deploy[1].configure", "r:deploy[1].install", "r:deploy[0].configure", "r:deploy[0].install", "r:deploy"],
            Trace(step));
        Assert.False(_archive.Has("deploy[2].install"));
    }

    [Fact]
    public void MaxFailures_ToleratesAFailedElement_ItsSlotNull()
    {
        var configure = """{"task": "configure", "action": "delegate", "provides": "configured"}""";
        var started = _archive.Start(WithHosts(Deploy("\"max_failures\": 1,", Install, configure)), Hosts(2));
        var one = _archive.Step(started.Next, new CallbackReceived("deploy[0].configure", 1, true, Json("\"c0\""), null), Now);

        var step = _archive.Step(one.Next, new CallbackReceived("deploy[1].configure", 1, false, null, new TaskError("ConfigFailed", "no")), Now.AddSeconds(1));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal("""["c0",null]""", step.Next.Symbols["configured"].GetRawText());
        Assert.Equal("""["h0#0",null]""", step.Next.Symbols["installed"].GetRawText());
        Assert.Equal("""[{"installed":"h0#0","configured":"c0"},null]""", step.Next.Tasks["deploy"].Result?.GetRawText());
        Assert.Equal(TaskDetailStatus.Failure, _archive.Task(step, "deploy[1].configure").Status);
        Assert.Equal(TaskDetailStatus.Success, _archive.Task(step, "deploy[1].install").Status);
    }

    [Fact]
    public void EmptyArray_SucceedsAtOnce_ProvidingAnEmptyArrayForEachSymbol()
    {
        var step = _archive.Start(WithHosts(Deploy(string.Empty, Install, Configure)), Hosts(0));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(("[]", "[]", "[]"), (step.Next.Symbols["installed"].GetRawText(), step.Next.Symbols["configured"].GetRawText(), step.Next.Symbols["seen"].GetRawText()));
        Assert.Equal(["x:deploy", "x:after"], Trace(step));
    }

    [Theory]
    [InlineData("""{"hosts": "h0"}""", "ForEachNotArray")]
    [InlineData("""{"hosts": {"h": 0}}""", "ForEachNotArray")]
    public void NotAnArray_FailsTheFlowItem(string input, string type)
    {
        var step = _archive.Start(WithHosts(Deploy(string.Empty, Install, Configure)), input);

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal(("deploy", type), (step.Next.Error?.Task, step.Next.Error?.Type));
        Assert.DoesNotContain(step.Next.Tasks.Keys, k => k.StartsWith("deploy[", StringComparison.Ordinal));
    }

    [Fact]
    public void MoreThanTenThousand_FailsWithTooManyItems()
    {
        var step = _archive.Start(WithHosts(Deploy(string.Empty, Install, Configure)), Hosts(10_001));

        Assert.Equal(("deploy", "TooManyItems"), (step.Next.Error?.Task, step.Next.Error?.Type));
    }

    [Fact]
    public void WhenFalse_IsDecidedOnceBeforeFanningOut_AndSkipsTheFlow()
    {
        var definition = Workflow(Flow("linear", Deploy("\"when\": \"hosts.length > 5\",", Install, Configure), Noop("after")), "\"input\": [\"hosts\"]");

        var step = _archive.Start(definition, Hosts(3));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(TaskDetailStatus.Skipped, StatusOf(step, "deploy"));
        Assert.Equal(["x:after"], Trace(step));
    }

    [Fact]
    public void OperatorRetry_AfterARevert_RunsEveryElementAgain()
    {
        var configure = """{"task": "configure", "action": "delegate", "provides": "configured"}""";
        var started = _archive.Start(WithHosts(Deploy(string.Empty, Install, configure)), Hosts(2));
        var failed = _archive.Step(started.Next, new CallbackReceived("deploy[0].configure", 1, false, null, null), Now);
        Assert.Equal(ExecutionStatus.Reverted, failed.Next.Status);

        var retried = _archive.Step(failed.Next, new OperatorCommand(ExecutionTrigger.Retry), Now.AddMinutes(1));

        Assert.Equal(ExecutionStatus.Running, retried.Next.Status);
        Assert.Contains(new DropArchive("deploy"), retried.Effects);
        Assert.Equal(["deploy[0].configure", "deploy[1].configure"], retried.Effects.OfType<MintToken>().Select(m => m.Task));
        Assert.Equal(1, retried.Next.Tasks["deploy[0].configure"].Attempt);
    }

    [Fact]
    public void InsideARetriedFlow_TheScopeRevertsEveryElement_AndFansOutAgain()
    {
        var configure = """{"task": "configure", "action": "delegate", "provides": "configured", "revert": {"action": "noop"}}""";
        var retried = """{"flow": {"name": "outer", "type": "linear", "retry": {"count": 1}, "items": [""" + Deploy(string.Empty, Install, configure) + "]}}";
        var started = _archive.Start(WithHosts(retried), Hosts(2));
        var done = _archive.Step(started.Next, new CallbackReceived("deploy[0].configure", 1, true, null, null), Now);

        var failed = _archive.Step(done.Next, new CallbackReceived("deploy[1].configure", 1, false, null, null), Now.AddSeconds(1));

        Assert.Equal(ExecutionStatus.Running, failed.Next.Status);
        Assert.Contains(failed.History, h => h.Name == "deploy[0].install" && h.To == "REVERTED");
        Assert.Contains(new DropArchive("deploy"), failed.Effects);
        Assert.Equal(["deploy[0].configure", "deploy[1].configure"], failed.Effects.OfType<MintToken>().Select(m => m.Task));
        Assert.Equal(TaskDetailStatus.Running, StatusOf(failed, "deploy"));
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
