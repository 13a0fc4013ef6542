using WfaaS.Engine.Binding;

namespace WfaaS.Engine.Tests.Binding;

public sealed class PlaceholderTests
{
    [Fact]
    public void Resolve_DottedSymbolName_UsesTheLongestKnownPrefix()
    {
        var placeholder = new Placeholder("vm.id.x", ["vm", "id", "x"]);

        Assert.Equal(new SymbolReference("vm.id", new SymbolPath(["x"])), placeholder.Resolve(new HashSet<string> { "vm", "vm.id" }));
        Assert.Equal(new SymbolReference("vm", new SymbolPath(["id", "x"])), placeholder.Resolve(new HashSet<string> { "vm" }));
        Assert.Equal(new SymbolReference("vm", new SymbolPath(["id", "x"])), placeholder.Resolve(new HashSet<string>()));
        Assert.Equal(new SymbolReference("vm", new SymbolPath(["id", "x"])), placeholder.Resolve());
    }

    [Fact]
    public void IsContext_CtxRoot_IsTrue()
    {
        Assert.True(new Placeholder("ctx.task", ["ctx", "task"]).IsContext);
        Assert.False(new Placeholder("ctxs", ["ctxs"]).IsContext);
    }
}
