using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class HeartbeatRuleTests
{
    [Fact]
    public void Check_HeartbeatOnNonDelegate_IsAnError() =>
        AssertErrors(Validate(Linear("""{"task": "t", "action": "wait", "input": {"duration": "P1D"}, "heartbeat": "PT1H"}""")),
            ("flow.items[0].heartbeat", "'heartbeat' is only allowed on delegate tasks, not on a 'wait' task"));

    [Fact]
    public void Check_HeartbeatOnDelegate_IsValid() =>
        AssertValid(Validate(Linear("""{"task": "t", "action": "delegate", "timeout": "P5D", "heartbeat": "PT1H"}""")));

    [Fact]
    public void Check_ZeroHeartbeat_IsAnError() =>
        AssertErrors(Validate(Linear("""{"task": "t", "action": "delegate", "heartbeat": "PT0S"}""")),
            ("flow.items[0].heartbeat", "must be longer than zero"));
}

public sealed class CheckpointPlacementRuleTests
{
    [Fact]
    public void Check_CheckpointInGraphOrUnordered_IsAnError() =>
        AssertErrors(Validate(Linear(Noop("a"), Nested("graph", Noop("b"), Checkpoint("c1")), Nested("unordered", Checkpoint("c2"), Noop("d")))),
            ("flow.items[1].flow.items[1]", "a checkpoint must be a direct item of a linear flow, not of a graph flow"),
            ("flow.items[2].flow.items[0]", "a checkpoint must be a direct item of a linear flow, not of an unordered flow"));

    [Fact]
    public void Check_CheckpointInNestedLinear_IsValid() =>
        AssertValid(Validate(Graph(Nested("linear", Noop("b"), Checkpoint("c1"), Noop("e")), Nested("unordered", Nested("linear", Checkpoint("c2")), Noop("d")))));

    [Fact]
    public void Check_CheckpointInFlowWithUnknownType_ReportsOnlyTheType() =>
        AssertErrors(Validate(Workflow(Flow("parallel", Checkpoint("c"), Noop("a", "\"after\": [\"c\"]")))),
            ("flow.type", "must be one of 'linear', 'unordered', 'graph', not 'parallel'"));
}

public sealed class AfterRuleTests
{
    [Fact]
    public void Check_AfterOutsideGraph_IsAnError() =>
        AssertErrors(Validate(Linear(Noop("a"), Noop("b", "\"after\": [\"a\"]"), Nested("unordered", Noop("c"), Noop("d", "\"after\": [\"c\"]")))),
            ("flow.items[1].after", "'after' is only allowed on items of a graph flow, not of a linear flow"),
            ("flow.items[2].flow.items[1].after", "'after' is only allowed on items of a graph flow, not of an unordered flow"));

    [Fact]
    public void Check_AfterOnRootFlow_IsAnError() =>
        AssertErrors(Validate(Workflow("""{"type": "graph", "after": ["a"], "items": [{"task": "a", "action": "noop"}]}""")),
            ("flow.after", "'after' is only allowed on items of a graph flow; the root flow has no siblings"));

    [Fact]
    public void Check_AfterNamingNonSiblings_IsAnError() =>
        AssertErrors(Validate(Graph(
                Noop("a", "\"after\": [\"a\", \"nope\", \"deep\", \"cp\"]"),
                NamedNested("inner", "linear", Noop("deep"), Checkpoint("cp")))),
            ("flow.items[0].after[0]", "'a' cannot be after itself"),
            ("flow.items[0].after[1]", "'nope' is not a task or named flow of the same graph flow"),
            ("flow.items[0].after[2]", "'deep' is not a task or named flow of the same graph flow"),
            ("flow.items[0].after[3]", "'cp' is not a task or named flow of the same graph flow"));

    [Fact]
    public void Check_AfterNamingSiblingTasksAndFlows_IsValid() =>
        AssertValid(Validate(Graph(
            Noop("a", "\"after\": [\"inner\"]"),
            NamedNested("inner", "linear", Noop("deep"), Checkpoint("cp")),
            Noop("b", "\"after\": [\"a\", \"inner\"]"),
            """{"flow": {"type": "linear", "after": ["b"], "items": [{"task": "c", "action": "noop"}]}}""")));
}
