using WfaaS.Engine.Binding;

namespace WfaaS.Engine.Tests.Binding;

public sealed class SymbolPathTests
{
    [Theory]
    [InlineData("body.id", new[] { "body", "id" })]
    [InlineData("items.0", new[] { "items", "0" })]
    [InlineData("status", new[] { "status" })]
    public void TryParse_DottedPath_SplitsSegments(string text, string[] segments)
    {
        Assert.True(SymbolPath.TryParse(text, out var path));

        Assert.Equal(new SymbolPath([.. segments]), path);
        Assert.Equal(text, path.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("a b")]
    public void TryParse_Malformed_ReturnsFalse(string text) => Assert.False(SymbolPath.TryParse(text, out _));

    [Fact]
    public void Equals_SameSegments_IsTrue()
    {
        Assert.Equal(new SymbolPath(["a", "b"]), new SymbolPath(["a", "b"]));
        Assert.Equal(new SymbolPath(["a", "b"]).GetHashCode(), new SymbolPath(["a", "b"]).GetHashCode());
        Assert.NotEqual(new SymbolPath(["a", "b"]), new SymbolPath(["a"]));
    }
}
