using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WfaaS.Api.Tests.TestHost;
using WfaaS.TestKit;

namespace WfaaS.Api.Tests;

/// <summary>SPEC §8: with API keys configured, every /api/v1 endpoint but callbacks and decisions needs X-Api-Key of the right role.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private WfaasApiFactory _factory = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory = new WfaasApiFactory(_database, new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0:Key"] = "admin-key-1",
            ["Auth:ApiKeys:0:Role"] = "admin",
            ["Auth:ApiKeys:1:Key"] = "operator-key-1",
            ["Auth:ApiKeys:1:Role"] = "operator",
            ["Auth:ApiKeys:2:Key"] = "reader-key-1",
            ["Auth:ApiKeys:2:Role"] = "reader",
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task MissingOrUnknownKey_Is401Problem(string? key)
    {
        var problem = await HttpAssert.ProblemAsync(await Client(key).GetAsync("/api/v1/workflows", Token), HttpStatusCode.Unauthorized);

        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>SPEC §10: with API keys on, /metrics needs a key, of any role.</summary>
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-key", HttpStatusCode.Unauthorized)]
    [InlineData("reader-key-1", HttpStatusCode.OK)]
    [InlineData("operator-key-1", HttpStatusCode.OK)]
    [InlineData("admin-key-1", HttpStatusCode.OK)]
    public async Task Metrics_NeedAKeyOfAnyRole(string? key, HttpStatusCode expected)
    {
        var response = await Client(key).GetAsync("/metrics", Token);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("wfaas_step_conflicts_total", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Roles_AllowWhatSpecSectionEightSays()
    {
        var name = Bodies.UniqueName();
        await HttpAssert.ProblemAsync(await Client("reader-key-1").PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name)), Token), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await Client("operator-key-1").PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name)), Token), HttpStatusCode.Forbidden);
        await HttpAssert.JsonAsync(await Client("admin-key-1").PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name)), Token), HttpStatusCode.Created);

        var start = Bodies.Json($$$"""{"workflow": "{{{name}}}", "input": {"who": "x"}}""");
        await HttpAssert.ProblemAsync(await Client("reader-key-1").PostAsync("/api/v1/executions", start, Token), HttpStatusCode.Forbidden);
        var started = await HttpAssert.JsonAsync(
            await Client("operator-key-1").PostAsync("/api/v1/executions", Bodies.Json($$$"""{"workflow": "{{{name}}}", "input": {"who": "x"}}"""), Token),
            HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString();

        await HttpAssert.JsonAsync(await Client("reader-key-1").GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        await HttpAssert.JsonAsync(await Client("reader-key-1").GetAsync("/api/v1/workflows", Token), HttpStatusCode.OK);
        await HttpAssert.JsonAsync(await Client("reader-key-1").GetAsync("/api/v1/approvals", Token), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(await Client("reader-key-1").PostAsync($"/api/v1/executions/{id}/cancel", null, Token), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await Client("operator-key-1").PostAsync($"/api/v1/executions/{id}/cancel", null, Token), HttpStatusCode.Conflict);
        await HttpAssert.ProblemAsync(await Client("operator-key-1").DeleteAsync($"/api/v1/workflows/{name}", Token), HttpStatusCode.Forbidden);
    }

    /// <summary>SPEC §8: capability URLs only for a key whose role may act; a reader sees the same entries without them.</summary>
    [Fact]
    public async Task CapabilityUrls_ShownToOperatorsAndAdmins_ReaderSeesTheSameEntriesWithoutThem()
    {
        var name = Bodies.UniqueName();
        await HttpAssert.JsonAsync(await Client("admin-key-1").PostAsync("/api/v1/workflows", Bodies.Json($$$"""
            {"name": "{{{name}}}", "flow": {"type": "unordered", "items": [
              {"task": "job", "action": "delegate"},
              {"task": "approve", "action": "approval", "input": {"prompt": "Ship it?"}}
            ]}}
            """), Token), HttpStatusCode.Created);
        var started = await HttpAssert.JsonAsync(
            await Client("operator-key-1").PostAsync("/api/v1/executions", Bodies.Json($$$"""{"workflow": "{{{name}}}"}"""), Token), HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        var callbackUrl = Waiting(started, "job").GetProperty("callback_url").GetString()!;
        Assert.Matches("/api/v1/callbacks/[A-Za-z0-9_-]{75}$", callbackUrl);

        var execution = new Dictionary<string, JsonNode>();
        var approvals = new Dictionary<string, JsonNode>();
        var raw = new Dictionary<string, string>();
        foreach (var key in new[] { "reader-key-1", "operator-key-1", "admin-key-1" })
        {
            var client = Client(key);
            var one = await client.GetAsync($"/api/v1/executions/{id}", Token);
            var pending = await client.GetAsync("/api/v1/approvals?state=pending", Token);
            var list = await client.GetAsync($"/api/v1/executions?workflow={name}", Token);
            execution[key] = JsonNode.Parse((await HttpAssert.JsonAsync(one, HttpStatusCode.OK)).GetRawText())!;
            approvals[key] = JsonNode.Parse((await HttpAssert.JsonAsync(pending, HttpStatusCode.OK)).GetRawText())!["items"]!.AsArray()
                .Single(i => i!["execution_id"]!.GetValue<string>() == id)!;
            raw[key] = await one.Content.ReadAsStringAsync(Token) + await pending.Content.ReadAsStringAsync(Token)
                + (await HttpAssert.JsonAsync(list, HttpStatusCode.OK)).GetRawText();
        }

        foreach (var key in new[] { "operator-key-1", "admin-key-1" })
        {
            Assert.Equal(callbackUrl, execution[key]["waiting"]!.AsArray().Single(w => w!["task"]!.GetValue<string>() == "job")!["callback_url"]!.GetValue<string>());
            Assert.Matches("/api/v1/approvals/[A-Za-z0-9_-]{75}$", approvals[key]["approve_url"]!.GetValue<string>());
        }

        // The reader's answers are the operator's with every capability URL taken out, and hold no token.
        var withoutUrls = execution["operator-key-1"].DeepClone();
        foreach (var waiting in withoutUrls["waiting"]!.AsArray())
        {
            waiting!["callback_url"] = null;
        }

        var approvalWithoutUrl = approvals["operator-key-1"].DeepClone();
        approvalWithoutUrl["approve_url"] = null;
        Assert.True(JsonNode.DeepEquals(withoutUrls, execution["reader-key-1"]), $"{withoutUrls} != {execution["reader-key-1"]}");
        Assert.True(JsonNode.DeepEquals(approvalWithoutUrl, approvals["reader-key-1"]), $"{approvalWithoutUrl} != {approvals["reader-key-1"]}");
        Assert.Equal(2, execution["reader-key-1"]["waiting"]!.AsArray().Count);
        Assert.DoesNotContain("/api/v1/callbacks/", raw["reader-key-1"], StringComparison.Ordinal);
        Assert.DoesNotContain("/api/v1/approvals/", raw["reader-key-1"], StringComparison.Ordinal);

        // A command's answer is for a role that may act: it keeps the URL.
        var paused = await HttpAssert.JsonAsync(await Client("operator-key-1").PostAsync($"/api/v1/executions/{id}/pause", null, Token), HttpStatusCode.OK);
        Assert.Equal(callbackUrl, Waiting(paused, "job").GetProperty("callback_url").GetString());
    }

    [Fact]
    public async Task CallbacksDecisionsHealthAndSwagger_NeedNoKey()
    {
        await HttpAssert.ProblemAsync(await Client(null).PostAsync("/api/v1/callbacks/unknown", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Client(null).PostAsync("/api/v1/approvals/unknown", Bodies.Json("""{"decision": "approve"}"""), Token), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await Client(null).GetAsync("/healthz", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(null).GetAsync("/swagger/v1/swagger.json", Token)).StatusCode);
    }

    [Fact]
    public async Task HangfireDashboard_IsForAdmins()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Client("reader-key-1").GetAsync("/hangfire", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client("admin-key-1").GetAsync("/hangfire", Token)).StatusCode);
    }

    private static JsonElement Waiting(JsonElement execution, string task) =>
        execution.GetProperty("waiting").EnumerateArray().Single(w => w.GetProperty("task").GetString() == task);

    private HttpClient Client(string? key)
    {
        var client = _factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }
}
