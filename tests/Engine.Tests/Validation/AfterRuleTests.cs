using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

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
