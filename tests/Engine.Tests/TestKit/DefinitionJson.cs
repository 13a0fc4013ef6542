using System.Text.Json;
using WfaaS.Engine.Validation;

namespace WfaaS.Engine.Tests.TestKit;

/// <summary>Builds definition JSON that is valid unless a test says otherwise, and validates it.</summary>
internal static class DefinitionJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 2048 };

    public static DefinitionValidationResult Validate(string json)
    {
        using var document = JsonDocument.Parse(json, Options);
        return DefinitionValidator.Validate(document.RootElement);
    }

    /// <summary>A definition named <c>wf</c> whose root flow is <paramref name="flow"/>; <paramref name="extra"/> adds top-level properties.</summary>
    public static string Workflow(string flow, string extra = "") =>
        $$"""{"name": "wf", {{(extra.Length > 0 ? extra + "," : "")}} "flow": {{flow}}}""";

    public static string Flow(string type, params string[] items) =>
        $$"""{"type": "{{type}}", "items": [{{string.Join(", ", items)}}]}""";

    public static string Linear(params string[] items) => Workflow(Flow("linear", items));

    public static string Graph(params string[] items) => Workflow(Flow("graph", items));

    public static string Nested(string type, params string[] items) => $$"""{"flow": {{Flow(type, items)}}}""";

    public static string NamedNested(string name, string type, params string[] items) =>
        $$"""{"flow": {"name": "{{name}}", "type": "{{type}}", "items": [{{string.Join(", ", items)}}]""" + "}}";

    /// <summary>A noop task; <paramref name="extra"/> adds properties such as <c>"provides": "x"</c>.</summary>
    public static string Noop(string name, string extra = "") =>
        $$"""{"task": "{{name}}", "action": "noop"{{(extra.Length > 0 ? ", " + extra : "")}}}""";

    /// <summary>An echo task reading <paramref name="value"/> (a JSON value, often a placeholder string).</summary>
    public static string Echo(string name, string value, string extra = "") =>
        $$"""{"task": "{{name}}", "action": "echo", "input": {"value": {{value}}}{{(extra.Length > 0 ? ", " + extra : "")}}}""";

    public static string Checkpoint(string name) => $$"""{"checkpoint": "{{name}}"}""";

    public static void AssertValid(DefinitionValidationResult result)
    {
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        Assert.NotNull(result.Definition);
    }

    public static void AssertErrors(DefinitionValidationResult result, params (string Path, string Message)[] expected)
    {
        Assert.Equal(expected.Select(e => new ValidationError(e.Path, e.Message)), result.Errors);
        Assert.False(result.IsValid);
        Assert.Null(result.Definition);
    }
}
