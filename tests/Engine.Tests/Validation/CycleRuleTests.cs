using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class CycleRuleTests
{
    [Fact]
    public void Check_DataCycle_ListsTheCycleInOrder() =>
        AssertErrors(Validate(Graph(
                Echo("a", "\"${z}\"", "\"provides\": \"x\""),
                Echo("b", "\"${x}\"", "\"provides\": \"y\""),
                Echo("c", "\"${y}\"", "\"provides\": \"z\""))),
            ("flow", "cycle: a -> b -> c -> a"));

    [Fact]
    public void Check_DataCycleBroken_IsValid() =>
        AssertValid(Validate(Graph(
            Noop("a", "\"provides\": \"x\""),
            Echo("b", "\"${x}\"", "\"provides\": \"y\""),
            Echo("c", "\"${y}\"", "\"provides\": \"z\""))));

    [Fact]
    public void Check_AfterCycle_ListsTheCycleFromTheFirstItem() =>
        AssertErrors(Validate(Graph(
                Noop("a", "\"after\": [\"c\"]"),
                Noop("b", "\"after\": [\"a\"]"),
                Noop("c", "\"after\": [\"b\"]"),
                Noop("d", "\"after\": [\"a\"]"))),
            ("flow", "cycle: a -> b -> c -> a"));

    [Fact]
    public void Check_MixedDataAndAfterCycle_IsAnError() =>
        AssertErrors(Validate(Graph(
                Noop("a", "\"provides\": \"x\""),
                Echo("b", "\"${x}\""),
                Noop("c", "\"after\": [\"b\"]"),
                Noop("d", "\"after\": [\"c\"]")).Replace("\"provides\": \"x\"", "\"provides\": \"x\", \"after\": [\"d\"]", StringComparison.Ordinal)),
            ("flow", "cycle: a -> b -> c -> d -> a"));

    [Fact]
    public void Check_SeveralDistinctCycles_ReportsEachOnce() =>
        AssertErrors(Validate(Graph(
                Noop("a", "\"after\": [\"b\", \"c\"]"),
                Noop("b", "\"after\": [\"a\"]"),
                Noop("c", "\"after\": [\"a\"]"),
                Noop("d", "\"after\": [\"e\"]"),
                Noop("e", "\"after\": [\"d\"]"))),
            ("flow", "cycle: a -> b -> a"),
            ("flow", "cycle: a -> c -> a"),
            ("flow", "cycle: d -> e -> d"));

    [Fact]
    public void Check_CycleThroughUnnamedNestedFlow_NamesItByPath() =>
        AssertErrors(Validate(Linear(Noop("seed"), Nested("graph",
                Nested("linear", Echo("p", "\"${q}\"", "\"provides\": \"pp\"")),
                Echo("q_provider", "\"${pp}\"", "\"provides\": \"q\"")))),
            ("flow.items[1].flow", "cycle: flow.items[1].flow.items[0].flow -> q_provider -> flow.items[1].flow.items[0].flow"));

    [Fact]
    public void Check_CycleThroughNamedNestedFlow_NamesItByName() =>
        AssertErrors(Validate(Graph(
                NamedNested("stage", "linear", Noop("p", "\"after\": []"), Noop("p2")).Replace("\"type\": \"linear\"", "\"type\": \"linear\", \"after\": [\"q\"]", StringComparison.Ordinal),
                Noop("q", "\"after\": [\"stage\"]"))),
            ("flow", "cycle: stage -> q -> stage"));

    [Fact]
    public void Check_Diamond_IsValid() =>
        AssertValid(Validate(Graph(
            Noop("a", "\"provides\": \"x\""),
            Echo("b", "\"${x}\"", "\"provides\": \"y\""),
            Echo("c", "\"${x}\"", "\"provides\": \"z\""),
            Echo("d", "[\"${y}\", \"${z}\"]"))));

    [Fact]
    public void Check_LongChain_IsValid()
    {
        var items = Enumerable.Range(0, 500).Select(i => i == 0
            ? Noop("t0", "\"provides\": \"s0\"")
            : Echo($"t{i}", $"\"${{s{i - 1}}}\"", $"\"provides\": \"s{i}\"")).Reverse().ToArray();

        AssertValid(Validate(Graph(items)));
    }

    [Fact]
    public void Check_DenseCycles_AreBoundedAndReported()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"n{i}").ToArray();
        var items = names.Select(n => Noop(n, $"\"after\": [{string.Join(", ", names.Where(o => o != n).Select(o => $"\"{o}\""))}]")).ToArray();

        var result = Validate(Graph(items));

        Assert.InRange(result.Errors.Length, 1, 10);
        Assert.All(result.Errors, e => Assert.StartsWith("cycle: n0 -> ", e.Message, StringComparison.Ordinal));
    }
}
