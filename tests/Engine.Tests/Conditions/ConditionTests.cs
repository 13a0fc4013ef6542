using System.Text.Json;
using WfaaS.Engine.Conditions;

namespace WfaaS.Engine.Tests.Conditions;

/// <summary>SPEC §3.5: a <c>when</c> is JavaScript over the symbols, deterministic and bounded.</summary>
public sealed class ConditionTests
{
    private static readonly JsonElement Ctx = JsonDocument.Parse("""{"execution_id": "e1", "task": "t"}""").RootElement;

    [Theory]
    [InlineData("approval.decision == 'approve' && count > 3", new[] { "approval", "count" })]
    [InlineData("Math.max(a, 1) > JSON.parse('1') && !isNaN(Number(b))", new[] { "a", "b" })]
    [InlineData("[1, 2].some(x => x > n)", new[] { "n" })]
    [InlineData("ctx.task == 't' && typeof undefined == 'undefined'", new string[0])]
    [InlineData("{ let local = 1; local + other }", new[] { "other" })]
    public void Symbols_AreTheFreeRootIdentifiers_WithoutJavaScriptsGlobalsOrBoundNames(string text, string[] expected)
    {
        Assert.True(Condition.TryParse(text, out var condition, out var error), error);

        Assert.Equal(expected, condition!.Symbols);
    }

    [Theory]
    [InlineData("a ==")]
    [InlineData("(")]
    [InlineData("   ")]
    [InlineData("with (a) { b }")]
    public void TryParse_NotJavaScript_SaysWhy(string text)
    {
        Assert.False(Condition.TryParse(text, out var condition, out var error));
        Assert.Null(condition);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("approval.decision == 'approve'", true)]
    [InlineData("approval.decision == 'reject'", false)]
    [InlineData("count", true)]
    [InlineData("empty", false)]
    [InlineData("zero", false)]
    [InlineData("missing === undefined", true)]
    [InlineData("list.length == 3 && list[2] == 'c'", true)]
    [InlineData("ctx.execution_id == 'e1'", true)]
    [InlineData("Date.now() == 0 && new Date().getUTCFullYear() == 1970", true)]
    public void Evaluate_GivesJavaScriptsTruthiness(string text, bool expected)
    {
        var symbols = Symbols("""{"approval": {"decision": "approve"}, "count": 4, "empty": "", "zero": 0, "list": ["a", "b", "c"]}""");
        Assert.True(Condition.TryParse(text, out var condition, out var parseError), parseError);

        var (value, error) = ConditionEvaluator.Evaluate(condition!, symbols, Ctx);

        Assert.Null(error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("function f() { return f(); } f()")]
    [InlineData("let a = []; while (true) { a.push('x'.repeat(10000)); }")]
    [InlineData("Math.random() < 2")]
    [InlineData("System.IO.File")]
    [InlineData("importNamespace('System')")]
    [InlineData("nobody.knows")]
    [InlineData("throw new Error('no')")]
    public void Evaluate_ThrowsOrRunsPastItsLimits_IsAnError(string text)
    {
        Assert.True(Condition.TryParse(text, out var condition, out var parseError), parseError);

        var (value, error) = ConditionEvaluator.Evaluate(condition!, Symbols("{}"), Ctx);

        Assert.False(value);
        Assert.False(string.IsNullOrEmpty(error));
    }

    private static Dictionary<string, JsonElement> Symbols(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
}
