using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

/// <summary>SPEC §3.3, §5.3: what a scope retry may say; its provides is a provider inside its scope and after it.</summary>
public sealed class RetryControllerValidationTests
{
    private static string Scope(string retry, string inside = """{"task": "a", "action": "echo", "input": {"value": "${n}"}}""") =>
        "{\"flow\": {\"name\": \"s\", \"type\": \"linear\", \"retry\": " + retry + ", \"items\": [" + inside + "]}}";

    [Fact]
    public void ForEachAndProvides_ReadInsideAndAfter_AreValid()
    {
        AssertValid(Validate(Linear(
            Scope("""{"for_each": ["x", "y"], "provides": "n", "then": "revert_all"}"""),
            """{"task": "after", "action": "echo", "input": {"value": "${n}"}}""")));
    }

    [Fact]
    public void CountAndForEach_Together_IsAnError()
    {
        AssertErrors(Validate(Linear(Scope("""{"count": 1, "for_each": [1], "provides": "n"}"""))),
            ("flow.items[0].flow.retry", "a retry has either 'count' or 'for_each', not both"));
    }

    [Fact]
    public void ForEach_Empty_IsAnError()
    {
        AssertErrors(Validate(Linear(Scope("""{"for_each": [], "provides": "n"}"""))),
            ("flow.items[0].flow.retry.for_each", "must be a non-empty array of the values to run the scope with, one per pass"));
    }

    [Fact]
    public void Provides_ReadBeforeTheScope_IsAnError()
    {
        var result = Validate(Linear(
            """{"task": "before", "action": "echo", "input": {"value": "${n}"}}""",
            Scope("""{"count": 1, "provides": "n"}""")));

        Assert.Equal("flow.items[0].input.value", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Provides_ClashingWithAnInput_IsAnError()
    {
        var result = Validate(Workflow(Flow("linear", Scope("""{"count": 1, "provides": "n"}""")), "\"input\": [\"n\"]"));

        Assert.Contains(result.Errors, e => e.Path == "flow.items[0].flow.retry.provides");
    }

    [Fact]
    public void Then_Unknown_IsAnError()
    {
        Assert.Contains(Validate(Linear(Scope("""{"count": 1, "then": "explode"}""", """{"task": "a", "action": "noop"}"""))).Errors,
            e => e.Path == "flow.items[0].flow.retry.then");
    }
}
