using System.Net;
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
