using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WfaaS.Api.Tests.Endpoints;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.OpenApi;

/// <summary>
/// Issue 16: every operation's Swagger example is a request that works against a fresh service,
/// taken in the order of the steps the document numbers (<c>x-example: {step, status}</c>). A
/// parameter with <c>x-example-from: {operation, pointer}</c> takes its value from that earlier
/// step's answer (a URL there gives its last path segment, the token); any other parameter sends its
/// <c>example</c>. Read from the served document, so an example that stops working, a step that
/// stops leaving what the next one needs, or a new operation without an example fails here.
/// </summary>
public abstract class OperationExampleScenarioTests(ApiFixture fixture)
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_EveryOperationHasAStep_AndEveryBodyAnExample()
    {
        var operations = await OperationsAsync();

        Assert.All(operations, o => Assert.True(o.Operation["x-example"] is JsonObject, $"{o.Id} has no x-example"));
        Assert.Equal(Enumerable.Range(1, operations.Count), operations.Select(Step));
        Assert.All(operations.Where(o => o.Operation["requestBody"] is not null), o =>
            Assert.True(o.Operation["requestBody"]!["content"]?["application/json"]?["example"] is not null, $"{o.Id} takes a body but shows no JSON example"));
        Assert.All(operations, o => Assert.True(
            o.Operation["responses"]?[Status(o).ToString(System.Globalization.CultureInfo.InvariantCulture)] is not null,
            $"{o.Id}: x-example.status {Status(o)} is not one of its documented responses"));
        string[] named = ["Callback", "Heartbeat", "Decide", "ListApprovals", "PauseExecution", "ResumeExecution", "CancelExecution",
            "RetryExecution", "RevertExecution", "RunToCheckpoint", "CreateTrigger", "ListTriggers", "GetTrigger", "DeleteTrigger", "DeleteWorkflow"];
        Assert.All(named, id => Assert.Contains(id, operations.Select(o => o.Id)));
    }

    [Fact]
    public async Task Examples_TakenInStepOrder_AnswerTheirDocumentedStatus()
    {
        var client = fixture.Factory.CreateClient();
        var answers = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var walked = new List<string>();

        foreach (var operation in await OperationsAsync())
        {
            using var request = Request(operation, answers);
            using var response = await client.SendAsync(request, Token);
            var text = await response.Content.ReadAsStringAsync(Token);
            var where = $"step {Step(operation)} {operation.Id} ({request.Method} {request.RequestUri})";

            Assert.True((int)response.StatusCode == Status(operation), $"{where}: expected {Status(operation)}, got {(int)response.StatusCode}: {text}");
            if (Status(operation) >= 400)
            {
                // A deliberate error example: an RFC 9457 problem in our words (SPEC §7).
                var problem = await HttpAssert.ProblemAsync(response, response.StatusCode);
                var detail = problem.GetProperty("detail").GetString()!;
                Assert.All(BindingProblemTests.FrameworkText, phrase => Assert.False(detail.Contains(phrase, StringComparison.Ordinal), $"{where}: {detail}"));
            }
            else if (response.StatusCode == HttpStatusCode.NoContent)
            {
                Assert.Empty(text);
            }
            else
            {
                var documented = operation.Operation["responses"]![Status(operation).ToString(System.Globalization.CultureInfo.InvariantCulture)]!["content"]!.AsObject();
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                Assert.True(documented.ContainsKey(mediaType!), $"{where}: answered {mediaType}, documented {string.Join(", ", documented.Select(c => c.Key))}");
                if (mediaType == "application/json")
                {
                    var answer = JsonNode.Parse(text);
                    answers[operation.Id] = answer;
                    if (documented[mediaType]?["example"] is { } example)
                    {
                        AssertSameShape(example, answer, where);
                    }
                }
            }

            walked.Add(operation.Id);
        }

        Assert.Contains("Heartbeat", walked);
        Assert.True(walked.Count >= 27, string.Join(", ", walked));
    }

    /// <summary>
    /// The example answer names the same properties as the real one, and the values that tell where
    /// the scenario stands (<see cref="Telling"/>) agree; the items an example lists (a prefix of the real list) likewise.
    /// </summary>
    private static void AssertSameShape(JsonNode example, JsonNode? answer, string where)
    {
        if (example is not JsonObject shown || answer is not JsonObject real)
        {
            return;
        }

        Assert.True(
            shown.Select(p => p.Key).Order(StringComparer.Ordinal).SequenceEqual(real.Select(p => p.Key).Order(StringComparer.Ordinal)),
            $"{where}: the example answer has {string.Join(", ", shown.Select(p => p.Key))}; the service answered {real.ToJsonString()}");
        foreach (var (key, value) in shown)
        {
            if (Telling.Contains(key) && value is JsonValue or null)
            {
                Assert.True(JsonNode.DeepEquals(value, real[key]), $"{where}: the example answer has {key} {value?.ToJsonString() ?? "null"}; the service answered {real.ToJsonString()}");
            }

            if (value is JsonArray shownItems && real[key] is JsonArray realItems)
            {
                Assert.True(shownItems.Count == 0 == (realItems.Count == 0), $"{where}: the example answer's {key} has {shownItems.Count} entries; the service answered {real.ToJsonString()}");
                for (var i = 0; i < Math.Min(shownItems.Count, realItems.Count); i++)
                {
                    AssertSameShape(shownItems[i]!, realItems[i], $"{where} {key}[{i}]");
                }
            }
        }
    }

    /// <summary>The answer's values an example must show as they are at its step.</summary>
    private static readonly HashSet<string> Telling = new(StringComparer.Ordinal)
        { "state", "checkpoint", "task", "kind", "duplicate", "valid", "name", "workflow", "version", "latest_version", "attempt", "action", "subject", "to" };

    private static HttpRequestMessage Request(Example operation, Dictionary<string, JsonNode?> answers)
    {
        var path = new StringBuilder(operation.Path);
        var query = new List<string>();
        var headers = new List<(string, string)>();
        foreach (var parameter in operation.Operation["parameters"]?.AsArray() ?? [])
        {
            var name = parameter!["name"]!.GetValue<string>();
            var value = ParameterValue(operation, parameter, answers);
            if (value is null)
            {
                Assert.False(parameter["required"]?.GetValue<bool>() == true, $"{operation.Id}: required parameter '{name}' has no example");
                continue;
            }

            switch (parameter["in"]!.GetValue<string>())
            {
                case "path":
                    path.Replace($"{{{name}}}", Uri.EscapeDataString(value));
                    break;
                case "query":
                    query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
                    break;
                case "header":
                    headers.Add((name, value));
                    break;
            }
        }

        if (query.Count > 0)
        {
            path.Append('?').AppendJoin('&', query);
        }

        var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), path.ToString());
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (operation.Operation["requestBody"] is { } body)
        {
            var example = body["content"]?["application/json"]?["example"];
            Assert.True(example is not null, $"{operation.Id} takes a body but shows no JSON example");
            request.Content = Bodies.Json(example.ToJsonString());
        }

        return request;
    }

    /// <summary>The parameter's value: from an earlier answer (<c>x-example-from</c>), else its <c>example</c>.</summary>
    private static string? ParameterValue(Example operation, JsonNode parameter, Dictionary<string, JsonNode?> answers)
    {
        if (parameter["x-example-from"] is { } from)
        {
            var source = from["operation"]!.GetValue<string>();
            var pointer = from["pointer"]!.GetValue<string>();
            Assert.True(answers.TryGetValue(source, out var answer), $"{operation.Id}: parameter '{parameter["name"]}' comes from {source}, which has not answered JSON before it");
            var found = Resolve(answer, pointer);
            Assert.True(found is JsonValue, $"{operation.Id}: {source}'s answer has nothing at {pointer}: {answer?.ToJsonString()}");
            var text = found.GetValue<string>();
            return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme.StartsWith("http", StringComparison.Ordinal)
                ? Uri.UnescapeDataString(url.Segments[^1])
                : text;
        }

        return parameter["example"] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            var other => other.ToJsonString(),
        };
    }

    /// <summary>RFC 6901, with the segments this document uses (names and array indexes).</summary>
    private static JsonNode? Resolve(JsonNode? node, string pointer)
    {
        foreach (var segment in pointer.Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    private static int Step(Example operation) => operation.Operation["x-example"]?["step"]?.GetValue<int>() ?? 0;

    private static int Status(Example operation) => operation.Operation["x-example"]?["status"]?.GetValue<int>() ?? 0;

    /// <summary>Every operation of the served document, by step.</summary>
    private async Task<List<Example>> OperationsAsync()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/swagger/v1/swagger.json", Token);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        return [.. document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(method => Methods.Contains(method.Key))
                .Select(method => new Example(path.Key, method.Key, method.Value!["operationId"]!.GetValue<string>(), method.Value!.AsObject())))
            .OrderBy(Step)];
    }

    private sealed record Example(string Path, string Method, string Id, JsonObject Operation);
}

public sealed class SqliteOperationExampleScenarioTests(SqliteApiFixture fixture) : OperationExampleScenarioTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresOperationExampleScenarioTests(PostgresApiFixture fixture) : OperationExampleScenarioTests(fixture), IClassFixture<PostgresApiFixture>;
