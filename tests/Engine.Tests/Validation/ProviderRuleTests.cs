using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class ProviderRuleTests
{
    [Fact]
    public void Check_SymbolProvidedTwice_ReportsTheSecondProvider() =>
        AssertErrors(Validate(Linear(Noop("a", "\"provides\": \"x\""), Nested("linear", Noop("b", "\"provides\": {\"y\": \"id\", \"x\": \"id\"}")))),
            ("flow.items[1].flow.items[0].provides.x", "'x' is already provided by task 'a' (flow.items[0]); several tasks may provide one name only if each has a 'when'"));

    [Fact]
    public void Check_SymbolsProvidedOnce_IsValid() =>
        AssertValid(Validate(Linear(Noop("a", "\"provides\": \"x\""), Nested("linear", Noop("b", "\"provides\": {\"y\": \"id\", \"z\": \"id\"}")))));

    [Fact]
    public void Check_InputAlsoProvided_IsAnError() =>
        AssertErrors(Validate(Workflow(Flow("linear", Noop("a", "\"provides\": \"x\"")), "\"input\": [\"x\"]")),
            ("flow.items[0].provides", "'x' is a definition input and cannot also be provided by a task"));

    [Fact]
    public void Check_InputNotProvided_IsValid() =>
        AssertValid(Validate(Workflow(Flow("linear", Noop("a", "\"provides\": \"y\"")), "\"input\": [\"x\"]")));
}
