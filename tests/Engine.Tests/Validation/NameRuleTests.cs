using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class NameRuleTests
{
    private const string Rules = "use 1 to 100 characters, a letter followed by letters, digits, '_', '.' or '-'";

    [Fact]
    public void Check_InvalidNamesEverywhere_ReportsEachAtItsPath()
    {
        var json = """
            {"name": "my workflow", "input": ["ok", "_x"], "output": ["9"],
             "flow": {"type": "linear", "name": "", "items": [
               {"task": "t!", "action": "noop", "provides": "a b", "requires": ["ctx"]},
               {"checkpoint": "-c"},
               {"task": "u", "action": "noop", "provides": {"x/y": "body"}}
             ]}}
            """;

        AssertErrors(Validate(json),
            ("name", $"'my workflow' is not a valid name: {Rules}"),
            ("input[1]", $"'_x' is not a valid name: {Rules}"),
            ("output[0]", $"'9' is not a valid name: {Rules}"),
            ("flow.name", $"'' is not a valid name: {Rules}"),
            ("flow.items[0].task", $"'t!' is not a valid name: {Rules}"),
            ("flow.items[0].requires[0]", "'ctx' is reserved for context values (${ctx.*}) and cannot name a symbol"),
            ("flow.items[0].provides", $"'a b' is not a valid name: {Rules}"),
            ("flow.items[1].checkpoint", $"'-c' is not a valid name: {Rules}"),
            ("flow.items[2].provides['x/y']", $"'x/y' is not a valid name: {Rules}"));
    }

    [Fact]
    public void Check_CorrectedNames_IsValid()
    {
        var json = """
            {"name": "my-workflow.v2", "input": ["ok", "x_1"], "output": ["a_b"],
             "flow": {"type": "linear", "name": "Main", "items": [
               {"task": "t1", "action": "noop", "provides": "a_b", "requires": ["ok"]},
               {"checkpoint": "c-1"},
               {"task": "u", "action": "noop", "provides": {"x.y": "body"}}
             ]}}
            """;

        AssertValid(Validate(json));
    }

    [Fact]
    public void Check_NameLength_AllowsAtMost100()
    {
        var longest = "a" + new string('b', 99);
        var tooLong = longest + "c";

        AssertValid(Validate(Linear(Noop(longest))));
        AssertErrors(Validate(Linear(Noop(tooLong))), ("flow.items[0].task", $"'{tooLong[..60]}…' is not a valid name: {Rules}"));
    }

    [Fact]
    public void Check_TrailingNewline_IsNotAValidName() =>
        AssertErrors(Validate(Linear(Noop("a\\n"))), ("flow.items[0].task", $"'a\n' is not a valid name: {Rules}"));
}
