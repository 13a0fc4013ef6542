using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Definitions;

public sealed class TaskNodeTests
{
    [Fact]
    public void RequiredSymbols_PlaceholderRootsAtAnyDepthPlusRequires_WithoutContext()
    {
        var definition = Validate(Workflow(Flow("linear",
            """
            {"task": "t", "action": "http", "requires": ["extra", "a"],
             "input": {"method": "POST", "url": "http://x/${a}/${ctx.task}", "body": {"list": [{"deep": "${b.items.0}"}, "${c} and ${a}"]}},
             "provides": {"out": "body.id"},
             "revert": {"action": "echo", "input": {"value": ["${out}", "${d}", "${ctx.result.status}"]}}}
            """), "\"input\": [\"a\", \"b\", \"c\", \"d\", \"extra\"]")).Definition!;
        var task = definition.Tasks().Single();

        Assert.Equal(["a", "b", "c", "extra"], task.RequiredSymbols());
        Assert.Equal(["d"], task.RevertRequiredSymbols());
        Assert.Equal(["out"], task.ProvidedSymbols);
    }

    [Fact]
    public void RequiredSymbols_WithKnownSymbols_ResolvesDottedNames()
    {
        var definition = Validate(Linear(
            Noop("a", "\"provides\": {\"vm.id\": \"body.id\"}"),
            Echo("b", "\"${vm.id.x}\""))).Definition!;
        var task = definition.Tasks().Last();

        Assert.Equal(["vm.id"], task.RequiredSymbols(definition.Symbols()));
        Assert.Equal(["vm"], task.RequiredSymbols());
    }
}
