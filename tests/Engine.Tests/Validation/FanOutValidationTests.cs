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

    private static string FlowOf(string fields, params string[] items) =>
        $$"""{"flow": {{{fields}} "type": "linear", "items": [{{string.Join(", ", items)}}]""" + "}}";

    private static string Hosts(params string[] items) => Workflow(Flow("linear", items), "\"input\": [\"hosts\"]");

    [Fact]
    public void ForEach_OnANamedNestedFlow_IsValid_ItsElementIsLocal_AndASiblingReadsItsSymbolsAsArrays()
    {
        var deploy = FlowOf("\"name\": \"deploy\", \"for_each\": \"${hosts}\", \"as\": \"host\", \"concurrency\": 3, \"max_failures\": 1,",
            Echo("install", "\"${host} ${ctx.index}\"", "\"provides\": \"installed\""),
            Echo("configure", "\"${installed}\"", "\"revert\": {\"action\": \"echo\", \"input\": {\"value\": \"${host}\"}}"));

        AssertValid(Validate(Hosts(deploy, Echo("report", "\"${installed}\""))));
        AssertValid(Validate(Workflow(Flow("graph", Echo("report", "\"${installed}\""), deploy), "\"input\": [\"hosts\"]")));
    }

    [Fact]
    public void ForEach_OnANestedFlow_ReportsEveryErrorAtOnce_WithItsPath()
    {
        var result = Validate(Hosts(
            FlowOf("\"for_each\": \"${hosts}\",", Noop("a")),
            FlowOf("\"name\": \"deploy\", \"for_each\": \"${nobody}\", \"retry\": {\"count\": 1},",
                Checkpoint("c"),
                Noop("b", "\"for_each\": \"${hosts}\""),
                Noop("d", "\"when\": \"true\""),
                FlowOf("\"name\": \"inner\", \"retry\": {\"count\": 1},", Noop("e"))),
            FlowOf("\"name\": \"again\", \"for_each\": \"${hosts}\", \"as\": \"hosts\",", Noop("f")),
            Echo("g", "\"${item}\"")));

        AssertErrors(result,
            ("flow.items[0].flow.for_each", "a flow with 'for_each' needs a 'name': its tasks' instances are named after it, such as 'deploy[2].install'"),
            ("flow.items[1].flow.retry", "'retry' on a flow with 'for_each' is not supported; retry its tasks, or put the flow inside a flow with 'retry'"),
            ("flow.items[1].flow.items[0]", "a checkpoint inside flow 'deploy', which has 'for_each', is not supported"),
            ("flow.items[1].flow.items[1].for_each", "'for_each' on a task inside flow 'deploy', which has 'for_each', is not supported"),
            ("flow.items[1].flow.items[2].when", "'when' inside flow 'deploy', which has 'for_each', is not supported yet; put it on the flow itself"),
            ("flow.items[1].flow.items[3].flow.retry", "a retry scope inside flow 'deploy', which has 'for_each', is not supported"),
            ("flow.items[2].flow.as", "each element is named 'hosts', which is already a symbol of the definition; name it otherwise with 'as'"),
            ("flow.items[3].input.value", "requires 'item', which is neither a definition input nor provided by any task"),
            ("flow.items[1].flow.for_each", "requires 'nobody', which is neither a definition input nor provided by any task"));
    }

    [Fact]
    public void ForEach_OnTheRootFlow_IsAnError()
    {
        var result = Validate(Workflow("""{"type": "linear", "name": "all", "for_each": "${hosts}", "items": [{"task": "a", "action": "noop"}]}""", "\"input\": [\"hosts\"]"));

        AssertErrors(result, ("flow.for_each", "'for_each' is only allowed on a nested flow or a task"));
    }

    [Fact]
    public void ForEach_OnAFlow_ReadingWhatItsOwnTasksProvide_IsAnError()
    {
        var result = Validate(Hosts(FlowOf("\"name\": \"deploy\", \"for_each\": \"${made}\",", Noop("a", "\"provides\": \"made\""))));

        AssertErrors(result, ("flow.items[0].flow.for_each",
            "requires 'made', which task 'a' inside this flow provides; a flow's 'when' and 'for_each' are decided before its tasks run"));
    }

    [Fact]
    public void ForEach_OnAFlow_WhoseInstanceNamesAreTooLong_IsAnError()
    {
        var name = new string('t', 90);
        var result = Validate(Hosts(FlowOf("\"name\": \"deploy\", \"for_each\": \"${hosts}\",", Noop(name))));

        AssertErrors(result, ("flow.items[0].flow.items[0].task",
            $"its instances are named 'deploy[9999].{name}', longer than 100 characters; shorten the flow's or the task's name"));
    }
}
