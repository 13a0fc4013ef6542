using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Tests.TestKit;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;
using static WfaaS.Engine.Tests.TestKit.Executions;

namespace WfaaS.Engine.Tests.Execution;

/// <summary>SPEC §3.6 <c>for_each</c> on tasks: elements as instances, concurrency, gathering, failures and revert.</summary>
public sealed class FanOutTests
{
    private readonly Archive _archive = new();

    private static string Hosts(int count) => JsonSerializer.Serialize(new { hosts = Enumerable.Range(0, count).Select(i => $"h{i}") });

    private static string WithHosts(string item, string extra = "") =>
        Workflow(Flow("linear", item, Noop("after")), "\"input\": [\"hosts\"]" + extra);

    [Fact]
    public void Echo_OverAList_GathersResultsInInputOrder_WithTheElementAndItsIndex()
    {
        var step = _archive.Start(WithHosts("""{"task": "boot", "action": "echo", "input": {"value": "${host}#${ctx.index}"}, "for_each": "${hosts}", "as": "host", "provides": "booted"}"""), Hosts(3));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal("""["h0#0","h1#1","h2#2"]""", step.Next.Symbols["booted"].GetRawText());
        Assert.Equal([0, 1, 2], Enumerable.Range(0, 3).Select(i => _archive.Task(step, $"boot[{i}]").Index!.Value));
        Assert.Equal(["boot", "after"], step.Next.OrderedTasks().Select(t => t.Name));
        Assert.True(_archive.Has("boot[2]"));
        Assert.Equal(["x:boot", "x:boot[0]", "x:boot[1]", "x:boot[2]", "x:after"], Trace(step));
    }

    [Fact]
    public void EmptyList_SucceedsAtOnceWithAnEmptyArray()
    {
        var step = _archive.Start(WithHosts("""{"task": "boot", "action": "noop", "for_each": "${hosts}", "provides": "booted"}"""), Hosts(0));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal("[]", step.Next.Symbols["booted"].GetRawText());
    }

    [Theory]
    [InlineData("""{"hosts": "not a list"}""", "ForEachNotArray")]
    [InlineData("""{"hosts": {"a": 1}}""", "ForEachNotArray")]
    public void NotAnArray_FailsTheItemWithForEachNotArray(string input, string type)
    {
        var step = _archive.Start(WithHosts("""{"task": "boot", "action": "noop", "for_each": "${hosts}"}"""), input);

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal(("boot", type), (step.Next.Error?.Task, step.Next.Error?.Type));
    }

    [Fact]
    public void MoreThanTenThousand_FailsWithTooManyItems()
    {
        var step = _archive.Start(WithHosts("""{"task": "boot", "action": "noop", "for_each": "${hosts}"}"""), Hosts(10_001));

        Assert.Equal("TooManyItems", step.Next.Error?.Type);
        Assert.DoesNotContain(step.Next.Tasks.Keys, k => k.StartsWith("boot[", StringComparison.Ordinal));
    }

    [Fact]
    public void Concurrency_BoundsTheElementsAtOnce_TheNextStartsAsOneFinishes()
    {
        var started = _archive.Start(WithHosts("""{"task": "boot", "action": "delegate", "for_each": "${hosts}", "concurrency": 2, "provides": "vms"}"""), Hosts(5));

        Assert.Equal(["boot[0]", "boot[1]"], started.Effects.OfType<MintToken>().Select(m => m.Task));
        var one = _archive.Step(started.Next, new CallbackReceived("boot[1]", 1, true, Json("\"vm1\""), null), Now);
        Assert.Equal(["boot[2]"], one.Effects.OfType<MintToken>().Select(m => m.Task));

        // A finished element leaves the state: a step on a large fan-out carries only the live ones.
        Assert.Equal(["boot[0]", "boot[2]"], one.Next.Tasks.Keys.Where(k => k.StartsWith("boot[", StringComparison.Ordinal)).Order());
        Assert.True(_archive.Has("boot[1]"));
        var step = one;
        foreach (var name in new[] { "boot[0]", "boot[2]", "boot[3]", "boot[4]" })
        {
            step = _archive.Step(step.Next, new CallbackReceived(name, 1, true, Json($"\"vm{name[5]}\""), null), Now);
        }

        Assert.Equal(1, _archive.Loads);
        Assert.DoesNotContain(step.Next.Tasks.Keys, k => k.StartsWith("boot[", StringComparison.Ordinal));
        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal("""["vm0","vm1","vm2","vm3","vm4"]""", step.Next.Symbols["vms"].GetRawText());
    }

    [Fact]
    public void FailureInTheMiddle_WithConcurrencyThree_StopsStarting_CancelsTheWaiting_RevertsTheRestNewestFirst()
    {
        var started = _archive.Start(WithHosts(
            """{"task": "boot", "action": "delegate", "for_each": "${hosts}", "concurrency": 3, "revert": {"action": "echo", "input": {"value": "undo ${host}"}}, "as": "host"}""",
            ", \"on_failure\": \"revert_all\""), Hosts(6));
        var first = _archive.Step(started.Next, new CallbackReceived("boot[0]", 1, true, null, null), Now.AddSeconds(1));
        Assert.Equal(["boot[3]"], first.Effects.OfType<MintToken>().Select(m => m.Task));

        var failed = _archive.Step(first.Next, new CallbackReceived("boot[2]", 1, false, null, new TaskError("BootFailed", "no disk")), Now.AddSeconds(2));

        Assert.Equal(ExecutionStatus.Reverted, failed.Next.Status);
        Assert.Equal(("boot[2]", "BootFailed"), (failed.Next.Error?.Task, failed.Next.Error?.Type));
        Assert.Empty(failed.Effects.OfType<MintToken>());
        Assert.Contains(new VoidTokens("boot[1]", 1), failed.Effects);
        Assert.Contains(new VoidTokens("boot[3]", 1), failed.Effects);
        Assert.DoesNotContain(failed.Next.Tasks.Keys, k => k is "boot[4]" or "boot[5]");
        var reverts = failed.History.Where(h => h.Subject == HistorySubject.Task && h.To == "REVERTING" && h.Name.StartsWith("boot[", StringComparison.Ordinal)).Select(h => h.Name).ToList();
        Assert.Equal(["boot[3]", "boot[1]", "boot[2]", "boot[0]"], reverts);
        Assert.Equal(TaskDetailStatus.Reverted, failed.Next.Tasks["boot"].Status);
    }

    [Fact]
    public void MaxFailures_ToleratesThatMany_TheirSlotsNull()
    {
        var step = _archive.Start(WithHosts("""{"task": "boot", "action": "fail", "input": {"message": "${host}"}, "for_each": "${hosts}", "as": "host", "max_failures": 3, "provides": "out"}"""), Hosts(3));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal("[null,null,null]", step.Next.Symbols["out"].GetRawText());
        Assert.Equal(TaskDetailStatus.Failure, _archive.Task(step, "boot[1]").Status);
    }

    [Fact]
    public void RunningElements_FinishBeforeTheyAreReverted()
    {
        var started = _archive.Start(WithHosts(
            """{"task": "call", "action": "http", "input": {"method": "POST", "url": "http://example.test/${host}"}, "for_each": "${hosts}", "as": "host", "concurrency": 2}"""), Hosts(2));

        var failed = _archive.Step(started.Next, new ActionFailed("call[0]", 1, new TaskError("HttpError", "500")), Now);
        var reported = _archive.Step(failed.Next, new ActionCompleted("call[1]", 1, Json("{}")), Now);

        Assert.Equal(ExecutionStatus.Reverting, failed.Next.Status);
        Assert.Equal(TaskDetailStatus.Running, failed.Next.Tasks["call[1]"].Status);
        Assert.Equal(ExecutionStatus.Reverted, reported.Next.Status);
        Assert.Equal(TaskDetailStatus.Reverted, _archive.Task(reported, "call[1]").Status);
    }

    [Fact]
    public void WhenFalse_IsDecidedOnceBeforeFanningOut()
    {
        var step = _archive.Start(WithHosts("""{"task": "boot", "action": "noop", "for_each": "${hosts}", "when": "hosts.length > 5"}"""), Hosts(3));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(TaskDetailStatus.Skipped, StatusOf(step, "boot"));
        Assert.DoesNotContain(step.Next.Tasks.Keys, k => k.StartsWith("boot[", StringComparison.Ordinal));
    }

    [Fact]
    public void ElementRetry_HasItsOwnAttempts()
    {
        var started = _archive.Start(WithHosts(
            """{"task": "call", "action": "http", "input": {"method": "POST", "url": "http://example.test/"}, "for_each": "${hosts}", "retry": {"count": 1, "delay": "PT1S"}}"""), Hosts(2));

        var failed = _archive.Step(started.Next, new ActionFailed("call[1]", 1, new TaskError("HttpError", "503")), Now);
        var retried = _archive.Step(failed.Next, TimerOf(failed, TimerKind.Retry).Fired(), Now.AddSeconds(1));

        Assert.Equal(("call[1]", TimerKind.Retry), (TimerOf(failed, TimerKind.Retry).Task, TimerOf(failed, TimerKind.Retry).Kind));
        Assert.Equal((1, 2), (_archive.Task(retried, "call[0]").Attempt, _archive.Task(retried, "call[1]").Attempt));
        Assert.Equal(("call[1]", 2), (retried.Effects.OfType<SendHttpRequest>().Single().Task, retried.Effects.OfType<SendHttpRequest>().Single().Attempt));
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
