using System.Net;
using System.Text.Json;
using Json.Schema;
using WfaaS.Api.Definitions;
using WfaaS.Api.Endpoints;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.OpenApi;

/// <summary>
/// The definition language's JSON Schema (draft 2020-12): served at its URL, referenced by the
/// OpenAPI document, accepting every example definition the repository ships, and agreeing with
/// the validator on a set of valid and invalid definitions.
/// </summary>
public sealed class WorkflowSchemaTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(SchemaEndpoints.WorkflowSchema);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Definitions the schema rejects on structure, and the validator too (with 422).</summary>
    public static TheoryData<string, string> Invalid => new()
    {
        { "unknown property", """{"name": "s1", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop", "provide": "x"}]}}""" },
        { "no flow", """{"name": "s2"}""" },
        { "unknown action", """{"name": "s3", "flow": {"type": "linear", "items": [{"task": "a", "action": "teleport"}]}}""" },
        { "bad name", """{"name": "9lives", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop"}]}}""" },
        { "bad duration", """{"name": "s5", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop", "timeout": "5 minutes"}]}}""" },
        { "months", """{"name": "s6", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop", "timeout": "P1M"}]}}""" },
        { "concurrency too high", """{"name": "s7", "input": ["h"], "flow": {"type": "linear", "items": [{"task": "a", "action": "noop", "for_each": "${h}", "concurrency": 2000}]}}""" },
        { "count and for_each", """{"name": "s8", "flow": {"type": "linear", "items": [{"flow": {"type": "linear", "retry": {"count": 1, "for_each": [1]}, "items": [{"task": "a", "action": "noop"}]}}]}}""" },
        { "heartbeat on echo", """{"name": "s9", "flow": {"type": "linear", "items": [{"task": "a", "action": "echo", "input": {"value": 1}, "heartbeat": "PT1M"}]}}""" },
        { "empty items", """{"name": "s10", "flow": {"type": "linear", "items": []}}""" },
        { "on_failure", """{"name": "s11", "on_failure": "shrug", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop"}]}}""" },
        { "then", """{"name": "s12", "flow": {"type": "linear", "items": [{"flow": {"type": "linear", "retry": {"count": 1, "then": "panic"}, "items": [{"task": "a", "action": "noop"}]}}]}}""" },
        { "echo without value", """{"name": "s13", "flow": {"type": "linear", "items": [{"task": "a", "action": "echo", "input": {}}]}}""" },
        { "http without url", """{"name": "s14", "flow": {"type": "linear", "items": [{"task": "a", "action": "http", "input": {"method": "GET"}}]}}""" },
        { "wait with both", """{"name": "s15", "flow": {"type": "linear", "items": [{"task": "a", "action": "wait", "input": {"duration": "PT1S", "until": "2026-01-01T00:00:00Z"}}]}}""" },
        { "for_each not a placeholder", """{"name": "s16", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop", "for_each": "hosts"}]}}""" },
        { "revert by wait", """{"name": "s17", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop", "revert": {"action": "wait"}}]}}""" },
        { "negative max_failures", """{"name": "s18", "input": ["h"], "flow": {"type": "linear", "items": [{"task": "a", "action": "noop", "for_each": "${h}", "max_failures": -1}]}}""" },
        { "retention empty", """{"name": "s19", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop"}, {"checkpoint": "c", "retention": {}}]}}""" },
        { "task retry without count", """{"name": "s20", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop", "retry": {"delay": "PT1S"}}]}}""" },
    };

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var example in ShippedExamples.Definitions.Where(e => !e.Text.Contains("\"broken\"", StringComparison.Ordinal)))
        {
            data.Add(example.Source, example.IsYaml ? YamlToJson.Convert(example.Text).GetRawText() : example.Text);
        }

        foreach (var row in DefinitionsDocTests.Examples())
        {
            data.Add("docs/definitions.md", YamlToJson.Convert(row.Data).GetRawText());
        }

        return data;
    }

    [Fact]
    public async Task Get_Schema_ServesTheDraft202012Document()
    {
        var response = await fixture.Factory.CreateClient().GetAsync(SchemaEndpoints.WorkflowSchemaPath, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", body.GetProperty("$schema").GetString());
        Assert.Equal("workflow", body.GetProperty("$anchor").GetString());
    }

    [Fact]
    public async Task OpenApi_DefinitionBodies_ReferenceTheSchema()
    {
        var document = JsonDocument.Parse(await fixture.Factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json", Token)).RootElement;

        foreach (var path in new[] { "/api/v1/workflows", "/api/v1/workflows/validate" })
        {
            var schema = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
                .GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal("/api/v1/schemas/workflow.json#workflow", schema.GetProperty("$ref").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_SchemaAndValidatorBothAccept(string source, string json)
    {
        var result = Evaluate(json);

        Assert.True(result.IsValid, $"{source}: {Errors(result)}\n{json}");
        var response = await fixture.Factory.CreateClient().PostAsync("/api/v1/workflows/validate", Bodies.Json(json), Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{source}: {await response.Content.ReadAsStringAsync(Token)}");
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_SchemaAndValidatorBothReject(string why, string json)
    {
        var result = Evaluate(json);

        Assert.False(result.IsValid, $"the schema accepts a definition with {why}: {json}");
        var response = await fixture.Factory.CreateClient().PostAsync("/api/v1/workflows/validate", Bodies.Json(json), Token);
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
    }

    private static EvaluationResults Evaluate(string json) =>
        Schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Errors(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}"));
}
