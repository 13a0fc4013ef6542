using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class ActionRuleTests
{
    private const string Expected = "expected one of noop, echo, fail, wait, http, delegate, approval, workflow";

    [Fact]
    public void Check_UnknownActionAndRevertAction_ReportsBoth()
    {
        AssertErrors(Validate(Linear("""{"task": "a", "action": "htp", "revert": {"action": "Noop"}}""", """{"task": "b", "action": ""}""")),
            ("flow.items[0].action", $"unknown action 'htp'; {Expected}"),
            ("flow.items[0].revert.action", $"unknown action 'Noop'; {Expected}"),
            ("flow.items[1].action", $"unknown action ''; {Expected}"));
    }

    [Fact]
    public void Check_KnownActions_IsValid() =>
        AssertValid(Validate(Linear("""{"task": "a", "action": "noop", "revert": {"action": "noop"}}""", """{"task": "b", "action": "echo", "input": {"value": 1}}""")));

    [Fact]
    public void Check_RevertWithoutAction_IsAnError() =>
        AssertErrors(Validate(Linear("""{"task": "a", "action": "noop", "revert": {"input": {}}}""")),
            ("flow.items[0].revert.action", "required property 'action' is missing"));
}
