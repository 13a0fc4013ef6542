using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

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
