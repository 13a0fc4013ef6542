using System.Text;
using System.Text.Json;
using WfaaS.Engine.Validation;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class DefinitionValidatorTests
{
    internal const string SpecExample = """
        {
          "name": "provision-vm",
          "description": "Reserve capacity, boot a VM through an external system, get approval.",
          "input": ["flavor", "image"],
          "output": ["vm_id", "approval"],
          "on_failure": "revert_all",
          "flow": {
            "type": "linear",
            "items": [
              {
                "task": "reserve",
                "action": "http",
                "input": {"method": "POST", "url": "http://inventory.example/reservations", "body": {"flavor": "${flavor}"}},
                "provides": {"reservation_id": "body.id"},
                "revert": {"action": "http", "input": {"method": "DELETE", "url": "http://inventory.example/reservations/${reservation_id}"}},
                "retry": {"count": 3, "delay": "PT2S", "backoff": "exponential"}
              },
              {"checkpoint": "reserved"},
              {
                "task": "boot",
                "action": "delegate",
                "input": {"url": "http://jobs.example/boot", "body": {"image": "${image}", "reservation": "${reservation_id}"}},
                "timeout": "P5D",
                "heartbeat": "PT1H",
                "provides": "vm_id"
              },
              {
                "task": "approve",
                "action": "approval",
                "input": {"prompt": "Approve VM ${vm_id}?"},
                "timeout": "P2D",
                "provides": "approval"
              }
            ]
          }
        }
        """;

    [Fact]
    public void Validate_SpecExample_IsValid()
    {
        var result = Validate(SpecExample);

        AssertValid(result);
        Assert.Equal("provision-vm", result.Definition!.Name);
    }

    [Fact]
    public void Validate_NotAnObject_ReportsDocumentError()
    {
        AssertErrors(Validate("[1, 2]"), ("$", "the definition must be a JSON object, not an array"));
        AssertErrors(Validate("null"), ("$", "the definition must be a JSON object, not null"));
    }

    [Fact]
    public void Validate_DefaultElement_ReportsDocumentErrorWithoutThrowing()
    {
        var result = DefinitionValidator.Validate(default);

        Assert.Equal([new ValidationError("$", "the definition must be a JSON object, not nothing")], result.Errors);
    }

    [Fact]
    public void Validate_MinimalDefinition_IsValid() => AssertValid(Validate(Linear(Noop("a"))));

    [Fact]
    public void Validate_FiveDifferentErrors_ReportsAllFiveInDocumentOrder()
    {
        var json = Workflow(
            Flow("linear",
                """{"task": "a", "action": "noop", "provide": "x"}""",
                """{"task": "1b", "action": "noop"}""",
                """{"task": "c", "action": "htp"}""",
                Echo("d", "\"${missing}\""),
                """{"task": "e", "action": "noop", "timeout": "soon"}"""));

        AssertErrors(Validate(json),
            ("flow.items[0].provide", "unknown property 'provide'"),
            ("flow.items[1].task", "'1b' is not a valid name: use 1 to 100 characters, a letter followed by letters, digits, '_', '.' or '-'"),
            ("flow.items[2].action", "unknown action 'htp'; expected one of noop, echo, fail, wait, http, delegate, approval, workflow"),
            ("flow.items[4].timeout", "'soon' is not an ISO 8601 duration such as PT30S, PT1H30M, P5D or P1DT2H"),
            ("flow.items[3].input.value", "requires 'missing', which is neither a definition input nor provided by any task"));
    }

    [Fact]
    public void Validate_FiveDifferentErrorsCorrected_IsValid()
    {
        var json = Workflow(
            Flow("linear",
                """{"task": "a", "action": "noop", "provides": "x"}""",
                """{"task": "b1", "action": "noop"}""",
                """{"task": "c", "action": "http", "input": {"method": "GET", "url": "https://example.com"}}""",
                Echo("d", "\"${x}\""),
                """{"task": "e", "action": "noop", "timeout": "PT1M"}"""));

        AssertValid(Validate(json));
    }

    [Fact]
    public void Validate_ErrorsInSeveralRules_AreAllReported()
    {
        var json = Workflow(
            Flow("unordered",
                Noop("a", "\"provides\": \"x\""),
                Echo("b", "\"${x}\""),
                Checkpoint("cp"),
                Noop("d", "\"heartbeat\": \"PT1M\""),
                Noop("a")),
            "\"output\": [\"y\"]");

        AssertErrors(Validate(json),
            ("flow.items[4].task", "duplicate name 'a' (first used at flow.items[0])"),
            ("flow.items[3].heartbeat", "'heartbeat' is only allowed on delegate tasks, not on a 'noop' task"),
            ("flow.items[2]", "a checkpoint must be a direct item of a linear flow, not of an unordered flow"),
            ("flow.items[1].input.value", "requires 'x' from task 'a' (flow.items[0]), but 'b' and 'a' are siblings in an unordered flow, which cannot depend on each other"),
            ("output[0]", "'y' is neither a definition input nor provided by any task"));
    }

    [Fact]
    public void Validate_ValidDefinition_ModelOutlivesTheDocument()
    {
        DefinitionValidationResult result;
        using (var document = JsonDocument.Parse(SpecExample))
        {
            result = DefinitionValidator.Validate(document.RootElement);
        }

        var reserve = result.Definition!.Tasks().First();
        Assert.Contains("inventory.example", reserve.Input!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("DELETE", reserve.Revert!.Input!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameDocumentTwice_GivesTheSameErrorsInTheSameOrder()
    {
        // A data cycle (a needs y from b, b needs x from a) and an 'after' naming no sibling: both
        // reported (SPEC §3.3: all errors at once), each time, in one order, nothing carried over.
        var json = Graph(Echo("a", "\"${y}\"", "\"provides\": \"x\""), Echo("b", "\"${x}\"", "\"provides\": \"y\""), Noop("c", "\"after\": [\"zz\"]"));
        (string Path, string Message)[] expected =
        [
            ("flow.items[2].after[0]", "'zz' is not a task or named flow of the same graph flow"),
            ("flow", "cycle: a -> b -> a"),
        ];

        var first = Validate(json);
        var second = Validate(json);

        AssertErrors(first, expected);
        AssertErrors(second, expected);
        Assert.NotEmpty(first.Errors);
    }

    [Fact]
    public void Validate_RandomMalformedDocuments_NeverThrows()
    {
        var random = new Random(20261124);
        for (var i = 0; i < 400; i++)
        {
            var json = RandomDefinition(random, depth: 0);
            var result = Validate(json);
            Assert.Equal(result.IsValid, result.Definition is not null);
        }
    }

    [Fact]
    public void Validate_MutatedSpecExample_NeverThrows()
    {
        var random = new Random(7);
        var values = new[] { "null", "1", "-1", "1.5", "true", "[]", "{}", "\"\"", "\"${\"", "\"${}\"", "\"PT0S\"", "[null]", "{\"x\": null}", "\"\\ud800\"" };
        var original = JsonDocument.Parse(SpecExample).RootElement;
        for (var i = 0; i < 300; i++)
        {
            var mutated = Mutate(original, random, values);
            var result = Validate(mutated);
            Assert.Equal(result.IsValid, result.Definition is not null);
        }
    }

    [Theory]
    [InlineData(60)]
    [InlineData(200)]
    public void Validate_DeeplyNestedFlows_ReportsDepthOnceWithoutThrowing(int depth)
    {
        var flow = Flow("linear", Noop("leaf"));
        for (var i = 1; i < depth; i++)
        {
            flow = Flow(i % 2 == 0 ? "graph" : "linear", $$"""{"flow": {{flow}}}""");
        }

        var result = Validate(Workflow(flow));

        Assert.Single(result.Errors, e => e.Message.StartsWith("flows are nested more than 32 levels deep", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DeeplyNestedInput_DoesNotThrow()
    {
        var value = new StringBuilder();
        for (var i = 0; i < 900; i++)
        {
            value.Append("{\"a\":[");
        }

        value.Append("\"${x\"");
        for (var i = 0; i < 900; i++)
        {
            value.Append("]}");
        }

        var result = Validate(Linear(Echo("a", value.ToString())));

        Assert.Single(result.Errors);
        Assert.StartsWith("unterminated placeholder", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HugeStrings_ReportsShortMessages()
    {
        var huge = new string('x', 1_000_000);
        var json = Linear($$"""{"task": "{{huge}}", "action": "{{huge}}", "timeout": "{{huge}}", "input": {"value": "$""" + "{" + huge + "\"}}");

        var result = Validate(json);

        Assert.Equal(4, result.Errors.Length);
        Assert.All(result.Errors, e => Assert.True(e.Message.Length < 300, e.Message));
    }

    private static string RandomDefinition(Random random, int depth)
    {
        string[] keys = ["name", "flow", "type", "items", "task", "action", "input", "provides", "requires", "after", "retry", "timeout",
            "heartbeat", "checkpoint", "retention", "revert", "output", "on_failure", "repeat", "count", "delay", "every", "value", "url",
            "method", "duration", "until", "body", "headers", "success_codes", "workflow", "version", "prompt", "approvers", "message"];
        string[] strings = ["linear", "graph", "unordered", "noop", "echo", "http", "wait", "delegate", "approval", "workflow", "fail",
            "a", "b", "c", "${a}", "${", "${}", "${ctx.result}", "PT1S", "P1M", "-PT1S", "2026-01-01T00:00:00Z", "http://x", "GET",
            "", "\\ud800", "x.y", new string('z', 5000)];

        string Value(int level)
        {
            var choice = level > 8 ? random.Next(5) : random.Next(9);
            return choice switch
            {
                0 => "null",
                1 => random.Next(-3, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                2 => random.Next(2) == 0 ? "true" : "1.5",
                3 or 4 => $"\"{strings[random.Next(strings.Length)]}\"",
                5 or 6 => "{" + string.Join(",", Enumerable.Range(0, random.Next(6)).Select(_ => $"\"{keys[random.Next(keys.Length)]}\":{Value(level + 1)}")) + "}",
                7 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Value(level + 1))) + "]",
                _ => $$"""{"flow": {"type": "{{strings[random.Next(3)]}}", "items": [{{Value(level + 1)}}, {{Value(level + 1)}}]""" + "}}",
            };
        }

        return random.Next(10) == 0
            ? Value(depth)
            : $$"""{"name": {{Value(8)}}, "flow": {"type": {{Value(8)}}, "items": [{{Value(depth)}}, {{Value(depth)}}, {{Value(depth)}}]}, "input": {{Value(7)}}""" + "}";
    }

    private static string Mutate(JsonElement original, Random random, string[] values)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(original, writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());

        void Write(JsonElement element, Utf8JsonWriter writer)
        {
            if (random.Next(12) == 0)
            {
                writer.WriteRawValue(values[random.Next(values.Length)], skipInputValidation: true);
                return;
            }

            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        if (random.Next(15) == 0)
                        {
                            continue;
                        }

                        writer.WritePropertyName(random.Next(20) == 0 ? property.Name + "x" : property.Name);
                        Write(property.Value, writer);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray())
                    {
                        Write(item, writer);
                        if (random.Next(10) == 0)
                        {
                            Write(item, writer);
                        }
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }
    }
}
