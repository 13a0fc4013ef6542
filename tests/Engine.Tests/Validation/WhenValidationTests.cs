using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

/// <summary>SPEC §3.3, §3.5: what a <c>when</c> may say, and what it requires.</summary>
public sealed class WhenValidationTests
{
    [Fact]
    public void When_DoesNotParse_IsAnErrorAtItsPath()
    {
        var result = Validate(Linear("""{"task": "a", "action": "noop", "when": "a =="}"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal("flow.items[0].when", error.Path);
        Assert.StartsWith("does not parse as JavaScript", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_NotAString_IsAnError()
    {
        AssertErrors(Validate(Linear("""{"task": "a", "action": "noop", "when": true}""")), ("flow.items[0].when", "must be a string, not a boolean"));
    }

    [Fact]
    public void When_RootIdentifiersAreRequirements()
    {
        AssertErrors(
            Validate(Linear("""{"task": "a", "action": "noop", "when": "nobody.ready && Math.abs(-1) == 1"}""")),
            ("flow.items[0].when", "requires 'nobody', which is neither a definition input nor provided by any task"));
    }

    [Fact]
    public void When_ReadsASymbolProvidedLater_IsAnError()
    {
        var result = Validate(Linear(
            """{"task": "a", "action": "noop", "when": "later == 1"}""",
            """{"task": "b", "action": "echo", "input": {"value": 1}, "provides": "later"}"""));

        Assert.Equal("flow.items[0].when", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void SeveralProviders_EachWithAWhen_AreAllowed()
    {
        AssertValid(Validate(Linear(
            """{"task": "a", "action": "echo", "input": {"value": 1}, "provides": "x", "when": "true"}""",
            """{"flow": {"type": "linear", "when": "false", "items": [{"task": "b", "action": "echo", "input": {"value": 2}, "provides": "x"}]}}""",
            """{"task": "c", "action": "echo", "input": {"value": "${x}"}}""")));
    }

    [Fact]
    public void SeveralProviders_OneWithoutAWhen_IsAnError()
    {
        AssertErrors(
            Validate(Linear(
                """{"task": "a", "action": "echo", "input": {"value": 1}, "provides": "x", "when": "true"}""",
                """{"task": "b", "action": "echo", "input": {"value": 2}, "provides": "x"}""")),
            ("flow.items[1].provides", "'x' is already provided by task 'a' (flow.items[0]); several tasks may provide one name only if each has a 'when'"));
    }

    [Fact]
    public void SeveralProviders_AConsumerBeforeOneOfThem_IsAnError()
    {
        var result = Validate(Graph(
            """{"task": "a", "action": "echo", "input": {"value": 1}, "provides": "x", "when": "true"}""",
            """{"task": "c", "action": "echo", "input": {"value": "${x}"}, "provides": "y"}""",
            """{"task": "b", "action": "echo", "input": {"value": "${y}"}, "provides": "x", "when": "true"}"""));

        Assert.NotEmpty(result.Errors);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void FlowWhen_ReadsWhatItsOwnTasksProvide_IsAnError()
    {
        var result = Validate(Linear(
            """{"flow": {"type": "linear", "when": "inner == 1", "items": [{"task": "a", "action": "echo", "input": {"value": 1}, "provides": "inner"}]}}"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal("flow.items[0].flow.when", error.Path);
        Assert.Contains("inside this flow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_OnTheRootFlow_IsAnError()
    {
        AssertErrors(
            Validate("""{"name": "wf", "flow": {"type": "linear", "when": "true", "items": [{"task": "a", "action": "noop"}]}}"""),
            ("flow.when", "'when' is only allowed on a nested flow or a task"));
    }
}
