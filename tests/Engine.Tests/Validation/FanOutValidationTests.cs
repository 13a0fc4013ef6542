using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

/// <summary>SPEC §3.3, §3.6: what <c>for_each</c>, <c>as</c>, <c>concurrency</c> and <c>max_failures</c> may say.</summary>
public sealed class FanOutValidationTests
{
    private static string Item(string fields) =>
        Workflow(Flow("linear", $$"""{"task": "boot", "action": "echo", "input": {"value": "${item}"}, {{fields}}}"""), "\"input\": [\"hosts\"]");

    [Fact]
    public void ForEach_OnePlaceholder_IsValid_AndItsElementIsLocal()
    {
        AssertValid(Validate(Item("\"for_each\": \"${hosts}\", \"concurrency\": 1000, \"max_failures\": 0")));
    }

    [Theory]
    [InlineData("\"for_each\": \"hosts\"", "flow.items[0].for_each", "must be one placeholder naming an array, such as \"${hosts}\"")]
    [InlineData("\"for_each\": \"${hosts} and more\"", "flow.items[0].for_each", "must be one placeholder naming an array, such as \"${hosts}\"")]
    [InlineData("\"for_each\": \"${ctx.task}\"", "flow.items[0].for_each", "must be one placeholder naming an array, such as \"${hosts}\"")]
    [InlineData("\"for_each\": \"${hosts}\", \"concurrency\": 0", "flow.items[0].concurrency", "must be at least 1")]
    [InlineData("\"for_each\": \"${hosts}\", \"concurrency\": 1001", "flow.items[0].concurrency", "must be at most 1000")]
    [InlineData("\"for_each\": \"${hosts}\", \"max_failures\": -1", "flow.items[0].max_failures", "must be at least 0")]
    [InlineData("\"concurrency\": 2", "flow.items[0].concurrency", "'concurrency' needs 'for_each'")]
    public void ForEach_Invalid_IsAnErrorAtItsPath(string fields, string path, string message)
    {
        var result = Validate(Item(fields));

        Assert.Contains(result.Errors, e => e.Path == path && e.Message == message);
    }

    [Fact]
    public void ForEach_NamesAnUnknownSymbol_IsARequirementError()
    {
        var result = Validate(Workflow(Flow("linear", """{"task": "boot", "action": "noop", "for_each": "${nobody}"}""")));

        Assert.Equal("requires 'nobody', which is neither a definition input nor provided by any task", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void As_HidingASymbol_IsAnError()
    {
        AssertErrors(
            Validate(Workflow(Flow("linear", """{"task": "boot", "action": "echo", "input": {"value": "${hosts}"}, "for_each": "${hosts}", "as": "hosts"}"""), "\"input\": [\"hosts\"]")),
            ("flow.items[0].as", "each element is named 'hosts', which is already a symbol of the definition; name it otherwise with 'as'"));
    }

    [Fact]
    public void ForEach_OnANestedFlow_IsNotSupportedYet()
    {
        var result = Validate(Workflow(Flow("linear", """{"flow": {"type": "linear", "for_each": "${hosts}", "items": [{"task": "a", "action": "noop"}]}}"""), "\"input\": [\"hosts\"]"));

        Assert.Equal("flow.items[0].flow.for_each", Assert.Single(result.Errors).Path);
    }
}
