using WfaaS.Engine.Binding;

namespace WfaaS.Engine.Tests.Binding;

public sealed class ContextValuesTests
{
    [Theory]
    [InlineData("${ctx.execution_id}", false, null)]
    [InlineData("${ctx.task}", false, null)]
    [InlineData("${ctx.attempt}", false, null)]
    [InlineData("${ctx.result}", true, null)]
    [InlineData("${ctx.error.message}", true, null)]
    [InlineData("${ctx.result.body.id}", false, "'${ctx.result.body.id}' is only available in revert input")]
    [InlineData("${ctx.attempt.x}", false, "unknown context value '${ctx.attempt.x}'; expected ${ctx.execution_id}, ${ctx.task}, ${ctx.attempt} or ${ctx.index}")]
    [InlineData("${ctx}", true, "unknown context value '${ctx}'; expected ${ctx.execution_id}, ${ctx.task}, ${ctx.attempt} or ${ctx.index}, or ${ctx.result} or ${ctx.error} with an optional path")]
    public void Check_ContextPlaceholder_AllowsOnlyReservedValues(string text, bool inRevert, string? expected)
    {
        Assert.True(Template.TryParse(text, out var template, out _));

        Assert.Equal(expected, ContextValues.Check(template.Placeholders.Single(), inRevert));
    }
}
