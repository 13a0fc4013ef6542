using System.Text.Json.Nodes;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.OpenApi;

/// <summary>
/// Issue 16, SPEC §7: the mistakes people make with a Swagger example — no body, the JSON null, a
/// field of the wrong JSON type, a path or query value of the wrong type — are answered with a 4xx
/// problem in our words, never the framework's text. Each step's mistakes are sent before the step
/// itself (<see cref="ExampleScenario"/>), which must then still answer its documented status: a
/// refused mistake changed nothing the scenario relies on. One provider: binding does not depend on
/// the database.
/// </summary>
public sealed class OperationExampleMistakeTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExampleMistakes_BeforeEachStep_AnswerProblemsInOurWords_AndTheStepStillWorks()
    {
        var client = fixture.Factory.CreateClient();
        var scenario = new ExampleScenario(client);
        var operations = await ExampleScenario.OperationsAsync(client, Token);
        var sent = 0;

        foreach (var operation in operations)
        {
            foreach (var (mistake, body, parameters) in Mistakes(operation))
            {
                using var request = scenario.Request(operation, body, parameters);
                using var response = await client.SendAsync(request, Token);
                var text = await response.Content.ReadAsStringAsync(Token);
                var where = $"{operation} with {mistake} ({request.Method} {request.RequestUri})";

                Assert.True((int)response.StatusCode is >= 400 and < 500, $"{where}: answered {(int)response.StatusCode}: {text}");
                ExampleScenario.AssertOurProblem(await HttpAssert.ProblemAsync(response, response.StatusCode), where);
                sent++;
            }

            await scenario.RunAsync(operation, Token);
        }

        Assert.True(sent >= 40, $"only {sent} mistakes sent");
    }

    /// <summary>The mistakes tried on <paramref name="operation"/>: (what, the JSON body or null, parameters replacing examples).</summary>
    private static IEnumerable<(string Mistake, string? Body, Dictionary<string, string>? Parameters)> Mistakes(ExampleOperation operation)
    {
        var example = operation.BodyExample?.ToJsonString();
        foreach (var parameter in operation.Operation["parameters"]?.AsArray() ?? [])
        {
            var name = parameter!["name"]!.GetValue<string>();
            var wrong = (parameter["schema"]?["type"]?.GetValue<string>(), parameter["schema"]?["format"]?.GetValue<string>()) switch
            {
                ("integer", _) => "x",
                (_, "uuid") => "not-a-uuid",
                _ => null,
            };
            if (wrong is not null)
            {
                yield return ($"{name}={wrong}", example, new Dictionary<string, string>(StringComparer.Ordinal) { [name] = wrong });
            }
        }

        if (operation.Operation["requestBody"] is null)
        {
            yield break;
        }

        if (operation.Operation["requestBody"]!["required"]?.GetValue<bool>() == true)
        {
            yield return ("no body", null, null);
            yield return ("the JSON null", "null", null);
        }

        // Definitions are read by hand, against the definition language's own schema (WorkflowSchemaTests, TruncatedExampleTests).
        if (operation.Operation["requestBody"]!["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>() is not { } reference
            || !reference.StartsWith("#/components/schemas/", StringComparison.Ordinal))
        {
            yield break;
        }

        var schema = operation.Document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!;
        foreach (var (property, propertySchema) in schema["properties"]?.AsObject() ?? [])
        {
            JsonNode? wrong = (propertySchema?["type"]?.GetValue<string>(), propertySchema?["$ref"]) switch
            {
                ("string", _) => 5,
                ("integer" or "number" or "boolean", _) => "x",
                ("object", _) or (_, not null) => "x",
                ("array", _) => "x",
                _ => null,   // any JSON (input, result): nothing is the wrong type
            };
            if (wrong is not null)
            {
                var body = JsonNode.Parse(example!)!.AsObject();
                body[property] = wrong;
                yield return ($"{property}: {wrong.ToJsonString()}", body.ToJsonString(), null);
            }
        }
    }
}
