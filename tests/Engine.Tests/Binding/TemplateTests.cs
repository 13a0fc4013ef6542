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
}
