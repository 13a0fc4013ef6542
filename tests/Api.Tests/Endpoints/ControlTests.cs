using System.Net;
using WfaaS.Api.Tests.TestHost;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>SPEC §5.5 <c>revert</c> and <c>run-to</c> over HTTP, on every provider.</summary>
public abstract class ControlTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Factory.CreateClient();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunToBack_ThenResume_RunsFromTheCheckpointAgain()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "a", "action": "noop"}, {"checkpoint": "cp"}, {"task": "b", "action": "noop"}, {"task": "job", "action": "delegate"}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, name, "{}", Token)).GetProperty("id").GetString()!;

        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/executions/{id}/run-to", Bodies.Json("""{"checkpoint": "nope"}"""), Token), (HttpStatusCode)422);
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/executions/{id}/revert", Bodies.Json("""{"then": "later"}"""), Token), (HttpStatusCode)422);
        var back = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/executions/{id}/run-to", Bodies.Json("""{"checkpoint": "cp"}"""), Token), HttpStatusCode.OK);
        var tasks = (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("state").GetString());
        var resumed = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/executions/{id}/resume", null, Token), HttpStatusCode.OK);

        Assert.Equal(("PAUSED", "cp"), (back.GetProperty("state").GetString(), back.GetProperty("checkpoint").GetString()));
        Assert.Equal(("SUCCESS", "PENDING", "PENDING"), (tasks["a"], tasks["b"], tasks["job"]));
        Assert.Equal("RUNNING", resumed.GetProperty("state").GetString());
        Assert.Equal("job", resumed.GetProperty("waiting")[0].GetProperty("task").GetString());
    }

    [Fact]
    public async Task Revert_Everything_ThenStop_PausesWithNothingDone_AndIllegalOnFinished()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "a", "action": "noop", "revert": {"action": "noop"}}, {"task": "job", "action": "delegate"}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, name, "{}", Token)).GetProperty("id").GetString()!;

        var reverted = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/executions/{id}/revert", null, Token), HttpStatusCode.OK);
        var cancelled = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/executions/{id}/cancel", null, Token), HttpStatusCode.OK);
        var refused = await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/executions/{id}/revert", Bodies.Json("{}"), Token), HttpStatusCode.Conflict);

        Assert.Equal("PAUSED", reverted.GetProperty("state").GetString());
        Assert.Equal("CANCELLED", cancelled.GetProperty("state").GetString());
        Assert.Contains("CANCELLED", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteControlTests(SqliteApiFixture fixture) : ControlTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresControlTests(PostgresApiFixture fixture) : ControlTests(fixture), IClassFixture<PostgresApiFixture>;
