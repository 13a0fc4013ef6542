using WfaaS.Engine.Binding;

namespace WfaaS.Engine.Tests.Binding;

public sealed class TemplateTests
{
    [Fact]
    public void TryParse_WholePlaceholder_IsSinglePlaceholder()
    {
        Assert.True(Template.TryParse("${vm.body.0}", out var template, out _));

        Assert.True(template.IsSinglePlaceholder);
        var placeholder = Assert.IsType<Placeholder>(Assert.Single(template.Parts));
        Assert.Equal(["vm", "body", "0"], placeholder.Segments);
        Assert.Equal(new SymbolReference("vm", new SymbolPath(["body", "0"])), placeholder.Resolve());
    }

    [Fact]
    public void TryParse_InterpolatedString_SplitsLiteralsAndPlaceholders()
    {
        Assert.True(Template.TryParse("http://x/${id}/y?z=${ctx.attempt}", out var template, out _));

        Assert.False(template.IsSinglePlaceholder);
        Assert.Equal(
            [new TemplateLiteral("http://x/"), new Placeholder("id", ["id"]), new TemplateLiteral("/y?z="), new Placeholder("ctx.attempt", ["ctx", "attempt"])],
            template.Parts);
        Assert.Equal([false, true], template.Placeholders.Select(p => p.IsContext));
    }

    [Fact]
    public void TryParse_PlainTextAndEscapes_HaveNoPlaceholders()
    {
        Assert.True(Template.TryParse("cost: $5 {x} $${literal}", out var template, out _));

        Assert.False(template.HasPlaceholders);
        Assert.Equal([new TemplateLiteral("cost: $5 {x} ${literal}")], template.Parts);
    }

    [Theory]
    [InlineData("abc ${x", "unterminated placeholder: '${' at position 4 has no closing '}'")]
    [InlineData("${}", "empty placeholder '${}' at position 0")]
    [InlineData("${1x}", "invalid placeholder '${1x}': expected a name (a letter, then letters, digits, '_' or '-') optionally followed by '.'-separated path segments")]
    [InlineData("${a..b}", "invalid placeholder '${a..b}': expected a name (a letter, then letters, digits, '_' or '-') optionally followed by '.'-separated path segments")]
    [InlineData("${ a }", "invalid placeholder '${ a }': expected a name (a letter, then letters, digits, '_' or '-') optionally followed by '.'-separated path segments")]
    [InlineData("${a${b}}", "invalid placeholder '${a${b}': expected a name (a letter, then letters, digits, '_' or '-') optionally followed by '.'-separated path segments")]
    public void TryParse_Malformed_ReturnsError(string text, string expected)
    {
        Assert.False(Template.TryParse(text, out _, out var error));

        Assert.Equal(expected, error);
    }

    [Fact]
    public void Resolve_DottedSymbolName_UsesTheLongestKnownPrefix()
    {
        Assert.True(Template.TryParse("${vm.id.x}", out var template, out _));
        var placeholder = template.Placeholders.Single();

        Assert.Equal(new SymbolReference("vm.id", new SymbolPath(["x"])), placeholder.Resolve(new HashSet<string> { "vm", "vm.id" }));
        Assert.Equal(new SymbolReference("vm", new SymbolPath(["id", "x"])), placeholder.Resolve(new HashSet<string> { "vm" }));
        Assert.Equal(new SymbolReference("vm", new SymbolPath(["id", "x"])), placeholder.Resolve(new HashSet<string>()));
    }

    [Theory]
    [InlineData("${ctx.execution_id}", false, null)]
    [InlineData("${ctx.task}", false, null)]
    [InlineData("${ctx.attempt}", false, null)]
    [InlineData("${ctx.result}", true, null)]
    [InlineData("${ctx.error.message}", true, null)]
    [InlineData("${ctx.result.body.id}", false, "'${ctx.result.body.id}' is only available in revert input")]
    [InlineData("${ctx.attempt.x}", false, "unknown context value '${ctx.attempt.x}'; expected ${ctx.execution_id}, ${ctx.task} or ${ctx.attempt}")]
    [InlineData("${ctx}", true, "unknown context value '${ctx}'; expected ${ctx.execution_id}, ${ctx.task} or ${ctx.attempt}, or ${ctx.result} or ${ctx.error} with an optional path")]
    public void ContextValues_Check_AllowsOnlyReservedValues(string text, bool inRevert, string? expected)
    {
        Assert.True(Template.TryParse(text, out var template, out _));

        Assert.Equal(expected, ContextValues.Check(template.Placeholders.Single(), inRevert));
    }

    [Theory]
    [InlineData("body.id", new[] { "body", "id" })]
    [InlineData("items.0", new[] { "items", "0" })]
    [InlineData("status", new[] { "status" })]
    public void SymbolPath_TryParse_SplitsSegments(string text, string[] segments)
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
    public void SymbolPath_TryParse_RejectsMalformed(string text) => Assert.False(SymbolPath.TryParse(text, out _));
}
