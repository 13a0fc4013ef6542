using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests;

/// <summary>
/// STYLE §8: responses are built from engine state, not from stored text, so the stored format can
/// change without a client noticing. A fixed scenario runs on the in-memory host under its fake
/// clock (a delegate with timeout and heartbeat, an approval, echoes, a failing task whose revert
/// reads the error), and the bodies of the start response, GET /executions/{id}, /tasks and /history
/// are compared byte for byte with the golden files in tests/Api.Tests/Pins. Only what is random is
/// normalised: execution ids, the task uuids derived from them, and tokens in URLs. SQLite and
/// PostgreSQL compare with the same files.
/// Update the pins with: WFAAS_UPDATE_PINS=1 dotnet test tests/Api.Tests --filter SqliteResponsePinTests
/// </summary>
public abstract partial class ResponsePinTests(ApiFixture fixture)
{
    private const string UpdateVariable = "WFAAS_UPDATE_PINS";

    private const string Provision = """
        {"name": "pin-provision", "input": ["who"], "output": ["greeting", "vm", "approval"], "flow": {"type": "linear", "items": [
          {"task": "greet", "action": "echo", "input": {"value": "hello ${who}"}, "provides": "greeting"},
          {"task": "boot", "action": "delegate", "timeout": "PT1H", "heartbeat": "PT10M", "provides": "vm"},
          {"task": "approve", "action": "approval", "input": {"prompt": "Boot ${vm.id} for ${who}?"}, "timeout": "P1D", "provides": "approval"}
        ]}}
        """;

    private const string Rollback = """
        {"name": "pin-rollback", "input": ["who"], "flow": {"type": "linear", "items": [
          {"task": "greet", "action": "echo", "input": {"value": "hello ${who}"}, "provides": "greeting",
           "revert": {"action": "echo", "input": {"value": "bye ${who}"}}},
          {"task": "boot", "action": "delegate", "timeout": "PT1H", "heartbeat": "PT10M", "provides": "vm",
           "revert": {"action": "echo", "input": {"value": {"undo": "${ctx.result}"}}}},
          {"task": "explode", "action": "fail", "input": {"message": "disk full on ${vm.id}", "type": "DiskFull"},
           "revert": {"action": "echo", "input": {"value": "cleaned after ${ctx.error.type}: ${ctx.error.message}"}}}
        ]}}
        """;

    private readonly Dictionary<string, string> _executions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly List<string> _differences = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private WfaasApiFactory Factory => fixture.Factory;

    /// <summary>Only the SQLite run writes the pins when asked; PostgreSQL always compares, so the two must agree.</summary>
    protected abstract bool MayUpdate { get; }

    [Fact]
    public async Task Scenario_ResponsesMatchThePins()
    {
        var client = Factory.CreateClient();
        var time = Factory.Time;
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/workflows", Bodies.Json(Provision), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/workflows", Bodies.Json(Rollback), Token)).StatusCode);

        // provision: the delegate beats once, reports, then a person approves: SUCCESS with output.
        var provision = await StartAsync(client, "pin-provision", "provision");
        await PinAsync("provision-start", provision.Body);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"{Path(provision.CallbackUrl)}/heartbeat", null, Token)).StatusCode);
        time.Advance(TimeSpan.FromMinutes(5));
        await HttpAssert.JsonAsync(await client.PostAsync(Path(provision.CallbackUrl), Bodies.Json("""{"status": "success", "result": {"id": "vm-7", "cores": 4}}"""), Token), HttpStatusCode.OK);
        await PinAsync("provision-awaiting-approval", await GetAsync(client, $"/api/v1/executions/{provision.Id}"));
        var approvals = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/approvals?state=pending", Token), HttpStatusCode.OK);
        var approveUrl = Assert.Single(approvals.GetProperty("items").EnumerateArray()).GetProperty("approve_url").GetString()!;
        time.Advance(TimeSpan.FromMinutes(1));
        await HttpAssert.JsonAsync(await client.PostAsync(Path(approveUrl), Bodies.Json("""{"decision": "approve", "comment": "go", "by": "ann"}"""), Token), HttpStatusCode.OK);
        await PinExecutionAsync(client, "provision", provision.Id);

        // rollback: the delegate reports, the next task fails, and everything that ran is reverted.
        time.Advance(TimeSpan.FromMinutes(1));
        var rollback = await StartAsync(client, "pin-rollback", "rollback");
        await PinAsync("rollback-start", rollback.Body);
        time.Advance(TimeSpan.FromMinutes(2));
        await HttpAssert.JsonAsync(await client.PostAsync(Path(rollback.CallbackUrl), Bodies.Json("""{"status": "success", "result": {"id": "vm-8"}}"""), Token), HttpStatusCode.OK);
        await PinExecutionAsync(client, "rollback", rollback.Id);

        Assert.True(_differences.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, _differences)
            + $"{Environment.NewLine}If the change is meant, update the pins: {UpdateVariable}=1 dotnet test tests/Api.Tests --filter SqliteResponsePinTests");
    }

    private async Task PinExecutionAsync(HttpClient client, string label, string id)
    {
        await PinAsync($"{label}-execution", await GetAsync(client, $"/api/v1/executions/{id}"));
        await PinAsync($"{label}-tasks", await GetAsync(client, $"/api/v1/executions/{id}/tasks"));
        await PinAsync($"{label}-history", await GetAsync(client, $"/api/v1/executions/{id}/history"));
    }

    private async Task<(string Id, string CallbackUrl, string Body)> StartAsync(HttpClient client, string workflow, string label)
    {
        var response = await client.PostAsync("/api/v1/executions", Bodies.Json($$$"""{"workflow": "{{{workflow}}}", "input": {"who": "ann"}}"""), Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var id = json.RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/executions/{id}", response.Headers.Location?.OriginalString);
        _executions[id] = label;
        return (id, json.RootElement.GetProperty("waiting")[0].GetProperty("callback_url").GetString()!, body);
    }

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// <summary>Compares <paramref name="body"/>, normalised, with Pins/<paramref name="name"/>.json; notes a difference rather than stopping, so one run shows them all.</summary>
    private async Task PinAsync(string name, string body)
    {
        var normalised = Normalise(body) + "\n";
        var path = System.IO.Path.Combine(RepositoryRoot(), "tests", "Api.Tests", "Pins", name + ".json");
        if (MayUpdate && Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, normalised, Token);
        }

        var pinned = File.Exists(path) ? await File.ReadAllTextAsync(path, Token) : "(no pin)";
        if (pinned != normalised)
        {
            _differences.Add($"Pins/{name}.json differs:{Environment.NewLine}pinned:   {pinned.TrimEnd()}{Environment.NewLine}response: {normalised.TrimEnd()}");
        }
    }

    /// <summary>Execution ids become <c>{execution:label}</c>, their tasks' uuids <c>{uuid:label/task}</c>, tokens <c>{token:N}</c> in order of first sight.</summary>
    private string Normalise(string body)
    {
        foreach (var (id, label) in _executions)
        {
            foreach (var task in new[] { "greet", "boot", "approve", "explode" })
            {
                body = body.Replace(TaskUuid(Guid.Parse(id), task).ToString(), $"{{uuid:{label}/{task}}}", StringComparison.Ordinal);
            }

            body = body.Replace(id, $"{{execution:{label}}}", StringComparison.Ordinal);
        }

        return TokenInUrl().Replace(body, m =>
        {
            if (!_tokens.TryGetValue(m.Groups["token"].Value, out var placeholder))
            {
                _tokens[m.Groups["token"].Value] = placeholder = $"{{token:{_tokens.Count + 1}}}";
            }

            return m.Groups["route"].Value + placeholder;
        });
    }

    /// <summary>SPEC §6 task uuid, written out here so a change in how it is derived changes the pins: RFC 9562 version 8 from SHA-256 of "{execution:N}/{task}".</summary>
    private static Guid TaskUuid(Guid executionId, string task)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{executionId:N}/{task}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static string Path(string url) => new Uri(url).AbsolutePath;

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "WfaaS.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("WfaaS.sln not found above the test binaries.");
    }

    [GeneratedRegex("(?<route>/api/v1/(callbacks|approvals)/)(?<token>[A-Za-z0-9_-]{20,})")]
    private static partial Regex TokenInUrl();
}

public sealed class SqliteResponsePinTests(SqliteApiFixture fixture) : ResponsePinTests(fixture), IClassFixture<SqliteApiFixture>
{
    protected override bool MayUpdate => true;
}

public sealed class PostgresResponsePinTests(PostgresApiFixture fixture) : ResponsePinTests(fixture), IClassFixture<PostgresApiFixture>
{
    protected override bool MayUpdate => false;
}
