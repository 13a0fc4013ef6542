using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class TemplateRuleTests
{
    [Fact]
    public void Check_MalformedPlaceholders_ReportsEachString()
    {
        var json = Workflow(Flow("linear", Echo("t", """{"a": "${x", "b": ["${}"], "c": "${9}", "d": "fine ${x}"}""")), "\"input\": [\"x\"]");

        AssertErrors(Validate(json),
            ("flow.items[0].input.value.a", "unterminated placeholder: '${' at position 0 has no closing '}'"),
            ("flow.items[0].input.value.b[0]", "empty placeholder '${}' at position 0"),
            ("flow.items[0].input.value.c", "invalid placeholder '${9}': expected a name (a letter, then letters, digits, '_' or '-') optionally followed by '.'-separated path segments"));
    }

    [Fact]
    public void Check_WellFormedPlaceholders_IsValid() =>
        AssertValid(Validate(Workflow(Flow("linear", Echo("t", """{"a": "${x}", "b": ["$${}"], "c": "${x.9}", "d": "fine ${x}"}""")), "\"input\": [\"x\"]")));

    [Fact]
    public void Check_ResultAndErrorOutsideRevert_AreErrors()
    {
        AssertErrors(Validate(Linear(Echo("t", "\"${ctx.result} ${ctx.error.message} ${ctx.when}\""))),
            ("flow.items[0].input.value", "'${ctx.result}' is only available in revert input"),
            ("flow.items[0].input.value", "'${ctx.error.message}' is only available in revert input"),
            ("flow.items[0].input.value", "unknown context value '${ctx.when}'; expected ${ctx.execution_id}, ${ctx.task}, ${ctx.attempt} or ${ctx.index}"));
    }

    [Fact]
    public void Check_ContextValuesWhereAllowed_IsValid() =>
        AssertValid(Validate(Linear(
            Echo("t", "\"${ctx.execution_id}/${ctx.task}/${ctx.attempt}\"",
                """ "revert": {"action": "echo", "input": {"value": ["${ctx.result.body.id}", "${ctx.error}", "${ctx.attempt}"]}}"""))));

    [Fact]
    public void Check_PlaceholderInObjectKey_IsPlainText() =>
        AssertValid(Validate(Linear(Echo("t", """{"${not_a_placeholder}": 1}"""))));
}
