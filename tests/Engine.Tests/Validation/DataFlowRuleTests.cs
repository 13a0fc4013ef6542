using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class DataFlowRuleTests
{
    [Fact]
    public void Check_LinearTaskUsesOutputOfLaterTask_IsAnError() =>
        AssertErrors(Validate(Linear(Noop("a"), Echo("b", "\"${z}\""), Noop("c", "\"provides\": \"z\""))),
            ("flow.items[1].input.value", "requires 'z', but task 'c' (flow.items[2]), which provides it, runs after this task in a linear flow"));

    [Fact]
    public void Check_LinearTaskUsesOutputOfEarlierTask_IsValid() =>
        AssertValid(Validate(Linear(Noop("a"), Noop("c", "\"provides\": \"z\""), Echo("b", "\"${z}\""))));

    [Fact]
    public void Check_UnorderedSiblingDependency_IsAnErrorNamingBoth() =>
        AssertErrors(Validate(Workflow(Flow("unordered", Noop("a", "\"provides\": \"x\""), Noop("b", "\"requires\": [\"x\"]")))),
            ("flow.items[1].requires[0]", "requires 'x' from task 'a' (flow.items[0]), but 'b' and 'a' are siblings in an unordered flow, which cannot depend on each other"));

    [Fact]
    public void Check_UnorderedSiblingsWithoutDependency_IsValid() =>
        AssertValid(Validate(Linear(Noop("a", "\"provides\": \"x\""), Nested("unordered", Noop("b", "\"requires\": [\"x\"]"), Echo("c", "\"${x}\"")))));

    [Fact]
    public void Check_UnorderedSiblingFlowsDependency_NamesTheFlows() =>
        AssertErrors(Validate(Workflow(Flow("unordered",
                Nested("linear", Noop("a", "\"provides\": \"x\"")),
                NamedNested("consumer", "graph", Echo("b", "\"${x}\""))))),
            ("flow.items[1].flow.items[0].input.value", "requires 'x' from task 'a' (flow.items[0].flow.items[0]), but 'consumer' and 'flow.items[0].flow' are siblings in an unordered flow, which cannot depend on each other"));

    [Fact]
    public void Check_GraphSiblingSubflowProvidesWhatAnotherNeeds_IsValid() =>
        AssertValid(Validate(Graph(
            Echo("consumer", "\"${c_out}\""),
            Nested("linear", Noop("a", "\"provides\": \"a_out\""), Echo("b", "\"${a_out}\"", "\"provides\": \"b_out\""), Echo("c", "\"${b_out}\"", "\"provides\": \"c_out\"")),
            Noop("independent"))));

    [Fact]
    public void Check_GraphDiamondListedBackwards_IsValid() =>
        AssertValid(Validate(Graph(
            Echo("d", "[\"${y}\", \"${z}\"]"),
            Echo("c", "\"${x}\"", "\"provides\": \"z\""),
            Echo("b", "\"${x}\"", "\"provides\": \"y\""),
            Noop("a", "\"provides\": \"x\""))));

    [Fact]
    public void Check_NestedThreeLevelsDeep_IsValid()
    {
        var json = Workflow(Flow("linear",
            Noop("seed", "\"provides\": \"x\""),
            Nested("graph",
                Nested("unordered",
                    Nested("linear", Echo("deep", "\"${x}\"", "\"provides\": \"y\""), Echo("deeper", "\"${y}\"", "\"provides\": \"w\"")),
                    Echo("side", "\"${x}\"", "\"provides\": \"z\"")),
                Echo("join", "[\"${y}\", \"${z}\", \"${w}\"]", "\"provides\": \"joined\"")),
            Echo("last", "\"${joined} ${w}\"")), "\"output\": [\"joined\"]");

        AssertValid(Validate(json));
    }

    [Fact]
    public void Check_NestedThreeLevelsDeepUsingUnorderedSibling_IsAnError()
    {
        var json = Workflow(Flow("linear",
            Noop("seed", "\"provides\": \"x\""),
            Nested("graph",
                Nested("unordered",
                    Nested("linear", Echo("deep", "\"${x}\"", "\"provides\": \"y\""), Echo("deeper", "\"${z}\"")),
                    Echo("side", "\"${x}\"", "\"provides\": \"z\"")),
                Echo("join", "\"${y}\"")),
            Echo("early", "\"${late}\""),
            Noop("late_provider", "\"provides\": \"late\"")));

        AssertErrors(Validate(json),
            ("flow.items[1].flow.items[0].flow.items[0].flow.items[1].input.value",
                "requires 'z' from task 'side' (flow.items[1].flow.items[0].flow.items[1]), but 'flow.items[1].flow.items[0].flow.items[0].flow' and 'side' are siblings in an unordered flow, which cannot depend on each other"),
            ("flow.items[2].input.value", "requires 'late', but task 'late_provider' (flow.items[3]), which provides it, runs after this task in a linear flow"));
    }

    [Fact]
    public void Check_UnknownSymbol_IsAnError() =>
        AssertErrors(Validate(Linear(Noop("a", "\"requires\": [\"nope\"]"), Echo("b", "{\"deep\": [\"x ${missing.field}\"]}"))),
            ("flow.items[0].requires[0]", "requires 'nope', which is neither a definition input nor provided by any task"),
            ("flow.items[1].input.value.deep[0]", "requires 'missing', which is neither a definition input nor provided by any task"));

    [Fact]
    public void Check_KnownSymbolsFromInputs_IsValid() =>
        AssertValid(Validate(Workflow(Flow("unordered", Noop("a", "\"requires\": [\"nope\"]"), Echo("b", "{\"deep\": [\"x ${missing.field}\"]}")), "\"input\": [\"nope\", \"missing\"]")));

    [Fact]
    public void Check_TaskUsesItsOwnOutput_IsAnError() =>
        AssertErrors(Validate(Linear(Echo("a", "\"${x}\"", "\"provides\": \"x\""))),
            ("flow.items[0].input.value", "requires 'x', which this task provides itself"));

    [Fact]
    public void Check_RevertUsesOwnOutputAndEarlierSymbols_IsValid() =>
        AssertValid(Validate(Linear(
            Noop("a", "\"provides\": \"x\""),
            Noop("b", """ "provides": "y", "revert": {"action": "echo", "input": {"value": ["${x}", "${y}", "${ctx.result}", "${ctx.error}"]}}"""))));

    [Fact]
    public void Check_RevertUsesLaterSymbol_IsAnError() =>
        AssertErrors(Validate(Linear(
                Noop("b", """ "provides": "y", "revert": {"action": "echo", "input": {"value": "${z}"}}"""),
                Noop("c", "\"provides\": \"z\""))),
            ("flow.items[0].revert.input.value", "requires 'z', but task 'c' (flow.items[1]), which provides it, runs after this task in a linear flow"));

    [Fact]
    public void Check_GraphAfterNestedFlow_SeesAllItsSymbols() =>
        AssertValid(Validate(Graph(
            NamedNested("first", "unordered", Noop("a", "\"provides\": \"x\""), Noop("b", "\"provides\": \"y\"")),
            Echo("c", "[\"${x}\", \"${y}\"]"))));

    [Fact]
    public void Check_DottedSymbolName_ResolvesToTheProvider() =>
        AssertValid(Validate(Linear(Noop("a", "\"provides\": {\"vm.id\": \"body.id\"}"), Echo("b", "\"${vm.id}\""))));
}
