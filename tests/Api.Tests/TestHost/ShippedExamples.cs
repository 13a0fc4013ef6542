using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using WfaaS.Api.Definitions;
using WfaaS.Api.OpenApi;

namespace WfaaS.Api.Tests.TestHost;

/// <summary>A request body shipped as an example, and where it comes from.</summary>
internal sealed record ShippedExample(string Source, string Text, string MediaType)
{
    public bool IsYaml => MediaType != "application/json";

    /// <summary>The example as it stands, and converted to the other format (SPEC §3: same structure).</summary>
    public IEnumerable<ShippedExample> InBothFormats()
    {
        yield return this;
        yield return IsYaml
            ? new ShippedExample($"{Source} as JSON", JsonSerializer.Serialize(YamlToJson.Convert(Text), Indented), "application/json")
            : new ShippedExample($"{Source} as YAML", ShippedExamples.BlockYaml.Of(JsonDocument.Parse(Text).RootElement), "application/yaml");
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}

/// <summary>
/// The bodies users copy: the README's curl examples, the Swagger examples (DefinitionExamples,
/// OperationExamples) and a handful of test-fixture definitions.
/// </summary>
internal static partial class ShippedExamples
{
    /// <summary>A definition touching much of SPEC §3's syntax: nested graph flow, checkpoint, retry, revert, after, approval, wait.</summary>
    public const string RichFixture = """
        {
          "name": "rich",
          "description": "Fixture: most of the definition syntax in one document.",
          "input": ["hosts"],
          "output": ["booted", "approval"],
          "on_failure": "revert_all",
          "flow": {"type": "linear", "items": [
            {"task": "reserve", "action": "echo", "input": {"value": {"n": 1}}, "provides": {"reservation": "n"},
             "revert": {"action": "noop"}, "retry": {"count": 2, "delay": "PT1S", "backoff": "exponential"}},
            {"checkpoint": "reserved"},
            {"flow": {"type": "graph", "items": [
              {"task": "boot", "action": "echo", "input": {"value": "${hosts}"}, "provides": "booted", "timeout": "PT10M"},
              {"task": "check", "action": "echo", "after": ["boot"], "input": {"value": "${reservation} \u00e9t\u00e9 ✓"}}
            ]}},
            {"task": "approve", "action": "approval", "input": {"prompt": "Approve ${reservation}?"}, "timeout": "P2D", "provides": "approval"},
            {"task": "nap", "action": "wait", "input": {"duration": "PT1S"}}
          ]}
        }
        """;

    /// <summary>YAML in flow style across lines, as people paste JSON-ish YAML, so the sweep also cuts inside multi-line flow collections.</summary>
    public const string FlowStyleYamlFixture = """
        name: flow-style
        input: [who,
          where]
        flow: {type: linear, items: [
          {task: greet, action: echo,
           input: {value: "hi ${who} in ${where}"},
           provides: greeting},
          {task: done, action: noop}]}
        """;

    // Initialised first: the lists below read it (static initialisers run in declaration order).
    private static string Readme { get; } = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

    public static IReadOnlyList<ShippedExample> Definitions { get; } = LoadDefinitions();

    public static IReadOnlyList<string> StartBodies { get; } = ReadmeJsonBodies("workflow")
        .Append(OperationExamples.ByOperation["StartExecution"].Request!).Distinct(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> CallbackBodies { get; } = ReadmeJsonBodies("status").Distinct(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> ApprovalBodies { get; } = ReadmeJsonBodies("decision").Distinct(StringComparer.Ordinal).ToList();

    private static List<ShippedExample> LoadDefinitions()
    {
        var examples = new List<ShippedExample>();
        examples.AddRange(HereDocs().Matches(Readme).Select(m => new ShippedExample("README heredoc", m.Groups[1].Value, "application/yaml")));
        examples.AddRange(DataBinary().Matches(Readme).Select(m => new ShippedExample("README --data-binary", m.Groups[1].Value, "application/yaml")));
        examples.AddRange(ReadmeJsonBodies("flow").Select(text => new ShippedExample("README -d", text, "application/json")));
        examples.Add(new ShippedExample("DefinitionExamples.Json", DefinitionExamples.Json, "application/json"));
        examples.Add(new ShippedExample("DefinitionExamples.Yaml", DefinitionExamples.Yaml, "application/yaml"));
        var workflow = JsonDocument.Parse(OperationExamples.ByOperation["CreateWorkflow"].Response!).RootElement;
        examples.Add(new ShippedExample("OperationExamples.CreateWorkflow", workflow.GetProperty("definition").GetRawText(), "application/json"));
        examples.Add(new ShippedExample("Bodies.Definition", Bodies.Definition("fixture-json"), "application/json"));
        examples.Add(new ShippedExample("Bodies.YamlDefinition", Bodies.YamlDefinition("fixture-yaml"), "application/yaml"));
        examples.Add(new ShippedExample("RichFixture", RichFixture, "application/json"));
        examples.Add(new ShippedExample("FlowStyleYamlFixture", FlowStyleYamlFixture, "application/yaml"));
        return [.. examples.DistinctBy(e => e.Text, StringComparer.Ordinal)];
    }

    /// <summary>The README's <c>-d '{…}'</c> bodies that parse as JSON objects with <paramref name="property"/>.</summary>
    private static IEnumerable<string> ReadmeJsonBodies(string property)
    {
        foreach (var match in InlineJson().Matches(Readme).Cast<Match>())
        {
            var text = match.Groups[1].Value;
            JsonElement root;
            try
            {
                root = JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException)
            {
                continue;
            }

            if (root.TryGetProperty(property, out _))
            {
                yield return text;
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WfaaS.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("WfaaS.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"<<'YAML'\n(.*?\n)YAML\n", RegexOptions.Singleline)]
    private static partial Regex HereDocs();

    [GeneratedRegex(@"--data-binary '\n(.*?\n)'", RegexOptions.Singleline)]
    private static partial Regex DataBinary();

    [GeneratedRegex(@" -d '(\{[^']*\})'", RegexOptions.Singleline)]
    private static partial Regex InlineJson();

    /// <summary>JSON as block-style YAML (the way people write it), every string double-quoted with JSON's escapes, which YAML shares.</summary>
    internal static class BlockYaml
    {
        public static string Of(JsonElement root)
        {
            var yaml = new StringBuilder();
            Write(yaml, root, indent: 0);
            return yaml.ToString();
        }

        private static void Write(StringBuilder yaml, JsonElement node, int indent)
        {
            var pad = new string(' ', indent);
            if (node.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in node.EnumerateObject())
                {
                    yaml.Append(pad).Append(Key(property.Name)).Append(':');
                    Value(yaml, property.Value, indent);
                }
            }
            else
            {
                foreach (var item in node.EnumerateArray())
                {
                    yaml.Append(pad).Append('-');
                    Value(yaml, item, indent);
                }
            }
        }

        private static void Value(StringBuilder yaml, JsonElement value, int indent)
        {
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Children(value).Any())
            {
                yaml.Append('\n');
                Write(yaml, value, indent + 2);
                return;
            }

            yaml.Append(' ').Append(value.ValueKind switch
            {
                JsonValueKind.Object => "{}",
                JsonValueKind.Array => "[]",
                _ => value.GetRawText(),
            }).Append('\n');
        }

        private static string Key(string name) => PlainKey().IsMatch(name) ? name : JsonSerializer.Serialize(name);

        private static IEnumerable<JsonElement> Children(JsonElement value) =>
            value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Select(p => p.Value) : value.EnumerateArray();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainKey();
}
