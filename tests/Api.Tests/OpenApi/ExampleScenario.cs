using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WfaaS.Api.Tests.Endpoints;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.OpenApi;

/// <summary>One operation of the served document, with its path and method.</summary>
internal sealed record ExampleOperation(string Path, string Method, string Id, JsonObject Operation, JsonNode Document)
{
    public int Step => Operation["x-example"]?["step"]?.GetValue<int>() ?? 0;

    public int Status => Operation["x-example"]?["status"]?.GetValue<int>() ?? 0;

    public string StatusText => Status.ToString(CultureInfo.InvariantCulture);

    public JsonNode? BodyExample => Operation["requestBody"]?["content"]?["application/json"]?["example"];

    public override string ToString() => $"step {Step} {Id}";
}

/// <summary>
/// The Swagger examples as one scenario (issue 16, README "Swagger examples"): the served document's
/// operations in <c>x-example.step</c> order, each request built from its examples. A parameter with
/// <c>x-example-from: {operation, pointer}</c> takes its value from that earlier step's answer (a URL
/// there gives its last path segment, the token); any other parameter sends its <c>example</c>.
/// </summary>
internal sealed class ExampleScenario(HttpClient client)
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    /// <summary>The values of an answer that say where the scenario stands; an example answer must show them as they are.</summary>
    private static readonly HashSet<string> Telling = new(StringComparer.Ordinal)
        { "state", "checkpoint", "task", "kind", "duplicate", "valid", "name", "workflow", "version", "latest_version", "attempt", "action", "subject", "to" };

    private readonly Dictionary<string, JsonNode?> _answers = new(StringComparer.Ordinal);

    /// <summary>Every operation of the served document, by step.</summary>
    public static async Task<List<ExampleOperation>> OperationsAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync("/swagger/v1/swagger.json", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        return [.. document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(method => Methods.Contains(method.Key))
                .Select(method => new ExampleOperation(path.Key, method.Key, method.Value!["operationId"]!.GetValue<string>(), method.Value!.AsObject(), document)))
            .OrderBy(o => o.Step)];
    }

    /// <summary>Sends the step's example and asserts its documented status, media type and answer.</summary>
    public async Task RunAsync(ExampleOperation operation, CancellationToken cancellationToken)
    {
        using var request = Request(operation, operation.BodyExample?.ToJsonString());
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var where = $"{operation} ({request.Method} {request.RequestUri})";

        Assert.True((int)response.StatusCode == operation.Status, $"{where}: expected {operation.Status}, got {(int)response.StatusCode}: {text}");
        if (operation.Status >= 400)
        {
            // A deliberate error example (none today): an RFC 9457 problem in our words (SPEC §7).
            AssertOurProblem(await HttpAssert.ProblemAsync(response, response.StatusCode), where);
            return;
        }

        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            Assert.Empty(text);
            return;
        }

        var documented = operation.Operation["responses"]![operation.StatusText]!["content"]!.AsObject();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        Assert.True(documented.ContainsKey(mediaType!), $"{where}: answered {mediaType}, documented {string.Join(", ", documented.Select(c => c.Key))}");
        if (mediaType == "application/json")
        {
            var answer = JsonNode.Parse(text);
            _answers[operation.Id] = answer;
            if (documented[mediaType]?["example"] is { } example)
            {
                AssertSameShape(example, answer, where);
            }
        }
    }

    /// <summary>The request of <paramref name="operation"/> with <paramref name="body"/> (JSON; null: none) and <paramref name="parameters"/> replacing examples.</summary>
    public HttpRequestMessage Request(ExampleOperation operation, string? body, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var path = new StringBuilder(operation.Path);
        var query = new List<string>();
        var headers = new List<(string, string)>();
        foreach (var parameter in operation.Operation["parameters"]?.AsArray() ?? [])
        {
            var name = parameter!["name"]!.GetValue<string>();
            var value = parameters?.GetValueOrDefault(name) ?? ParameterValue(operation, parameter);
            if (value is null)
            {
                Assert.False(parameter["required"]?.GetValue<bool>() == true, $"{operation}: required parameter '{name}' has no example");
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

        if (operation.Operation["requestBody"] is not null)
        {
            Assert.True(operation.BodyExample is not null, $"{operation} takes a body but shows no JSON example");
            request.Content = body is null ? null : Bodies.Json(body);
        }

        return request;
    }

    /// <summary>A 4xx problem whose detail has none of the framework's phrases (issue 16).</summary>
    public static void AssertOurProblem(System.Text.Json.JsonElement problem, string where)
    {
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.All(BindingProblemTests.FrameworkText, phrase => Assert.False(detail.Contains(phrase, StringComparison.Ordinal), $"{where}: {detail}"));
    }

    /// <summary>The parameter's value: from an earlier answer (<c>x-example-from</c>), else its <c>example</c>.</summary>
    private string? ParameterValue(ExampleOperation operation, JsonNode parameter)
    {
        if (parameter["x-example-from"] is { } from)
        {
            var source = from["operation"]!.GetValue<string>();
            var pointer = from["pointer"]!.GetValue<string>();
            Assert.True(_answers.TryGetValue(source, out var answer), $"{operation}: parameter '{parameter["name"]}' comes from {source}, which has not answered JSON before it");
            var found = Resolve(answer, pointer);
            Assert.True(found is JsonValue, $"{operation}: {source}'s answer has nothing at {pointer}: {answer?.ToJsonString()}");
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

    /// <summary>
    /// The example answer names the same properties as the real one, and the values that tell where
    /// the scenario stands (<see cref="Telling"/>) agree; the items an example lists (a prefix of
    /// the real list) likewise.
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
}
