using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class DuplicateNameRuleTests
{
    [Fact]
    public void Check_SameNameOnTaskFlowAndCheckpoint_ReportsEachRepeat()
    {
        var json = Linear(
            Noop("a"),
            Checkpoint("a"),
            NamedNested("a", "linear", Noop("b")),
            Nested("unordered", Noop("b")));

        AssertErrors(Validate(json),
            ("flow.items[1].checkpoint", "duplicate name 'a' (first used at flow.items[0])"),
            ("flow.items[2].flow.name", "duplicate name 'a' (first used at flow.items[0])"),
            ("flow.items[3].flow.items[0].task", "duplicate name 'b' (first used at flow.items[2].flow.items[0])"));
    }

    [Fact]
    public void Check_DistinctNames_IsValid() =>
        AssertValid(Validate(Linear(Noop("a"), Checkpoint("c"), NamedNested("f", "linear", Noop("b")), Nested("unordered", Noop("d")))));

    [Fact]
    public void Check_RootFlowNameClashesWithTask_IsAnError() =>
        AssertErrors(Validate(Workflow("""{"type": "linear", "name": "main", "items": [{"task": "main", "action": "noop"}]}""")),
            ("flow.items[0].task", "duplicate name 'main' (first used at flow)"));
}
