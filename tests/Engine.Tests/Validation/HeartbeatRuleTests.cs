using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class HeartbeatRuleTests
{
    [Fact]
    public void Check_HeartbeatOnNonDelegate_IsAnError() =>
        AssertErrors(Validate(Linear("""{"task": "t", "action": "wait", "input": {"duration": "P1D"}, "heartbeat": "PT1H"}""")),
            ("flow.items[0].heartbeat", "'heartbeat' is only allowed on delegate tasks, not on a 'wait' task"));

    [Fact]
    public void Check_HeartbeatOnDelegate_IsValid() =>
        AssertValid(Validate(Linear("""{"task": "t", "action": "delegate", "timeout": "P5D", "heartbeat": "PT1H"}""")));

    [Fact]
    public void Check_ZeroHeartbeat_IsAnError() =>
        AssertErrors(Validate(Linear("""{"task": "t", "action": "delegate", "heartbeat": "PT0S"}""")),
            ("flow.items[0].heartbeat", "must be longer than zero"));
}
