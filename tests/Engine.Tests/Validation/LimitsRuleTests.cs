using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class LimitsRuleTests
{
    [Fact]
    public void Check_MoreThan1000Tasks_ReportsOnce() =>
        AssertErrors(Validate(Linear([.. Enumerable.Range(0, 1001).Select(i => Noop($"t{i}"))])),
            ("flow", "the definition has 1001 tasks; at most 1000 are allowed"));

    [Fact]
    public void Check_Exactly1000Tasks_IsValid() =>
        AssertValid(Validate(Linear([.. Enumerable.Range(0, 1000).Select(i => Noop($"t{i}"))])));

    [Fact]
    public void Check_NestingDeeperThan32_ReportsOnceAtTheFirstTooDeepFlow()
    {
        var tooDeep = NestedFlows(33, siblings: 2);

        AssertErrors(Validate(Workflow(tooDeep)),
            ($"flow{string.Concat(Enumerable.Repeat(".items[0].flow", 32))}", "flows are nested more than 32 levels deep (the root flow is level 1)"));
    }

    [Fact]
    public void Check_Nesting32Deep_IsValid() => AssertValid(Validate(Workflow(NestedFlows(32, siblings: 2))));

    private static string NestedFlows(int depth, int siblings)
    {
        var flow = Flow("linear", Noop("leaf"));
        for (var level = depth - 1; level >= 1; level--)
        {
            var items = new List<string> { $$"""{"flow": {{flow}}}""" };
            items.AddRange(Enumerable.Range(0, siblings - 1).Select(i => level == 1 ? Noop($"s{level}_{i}") : Nested("graph", Noop($"s{level}_{i}"))));
            flow = Flow(level % 3 == 0 ? "unordered" : "linear", [.. items]);
        }

        return flow;
    }
}
