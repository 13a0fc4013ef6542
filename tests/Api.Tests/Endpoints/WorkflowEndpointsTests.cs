using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>SPEC §3 and §6 definitions rows, run on every storage provider.</summary>
public abstract class WorkflowEndpointsTests(ApiFixture fixture)
{
    private WfaasApiFactory Factory => fixture.Factory;

    private HttpClient Client => Factory.CreateClient();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_NewJsonDefinition_Returns201WithLocationAndStoresVersion1()
    {
        var name = Bodies.UniqueName();

        var response = await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name)), Token);

        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/workflows/{name}/versions/1", response.Headers.Location?.OriginalString);
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal("linear", body.GetProperty("definition").GetProperty("flow").GetProperty("type").GetString());
        Assert.Equal("application/json", body.GetProperty("content_type").GetString());
        Assert.EndsWith("Z", body.GetProperty("created_at").GetString(), StringComparison.Ordinal);
        var stored = await Factory.QueryAsync(db => db.WorkflowDefinitions.Where(d => d.Name == name).ToListAsync(Token));
        var row = Assert.Single(stored);
        Assert.Equal(1, row.Version);
        Assert.Equal(Bodies.Definition(name), row.Text);
    }

    [Fact]
    public async Task Post_IdenticalText_Returns200WithSameVersionAndStoresNothing()
    {
        var name = Bodies.UniqueName();
        await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name)), Token);

        var response = await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name)), Token);

        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(1, await CountVersionsAsync(name));
    }

    [Fact]
    public async Task Post_ChangedText_CreatesNextVersion()
    {
        var name = Bodies.UniqueName();
        await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name, "hi")), Token);

        var response = await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name, "hello")), Token);

        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal($"/api/v1/workflows/{name}/versions/2", response.Headers.Location?.OriginalString);
        var latest = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/workflows/{name}", Token), HttpStatusCode.OK);
        Assert.Equal(2, latest.GetProperty("version").GetInt32());
        var first = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/workflows/{name}/versions/1", Token), HttpStatusCode.OK);
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal("hi ${who}", first.GetProperty("definition").GetProperty("flow").GetProperty("items")[0]
            .GetProperty("input").GetProperty("value").GetString());
        Assert.Equal(2, await CountVersionsAsync(name));
    }

    [Theory]
    [InlineData("application/yaml")]
    [InlineData("text/yaml")]
    public async Task Post_Yaml_StoresSameStructureAsJson(string mediaType)
    {
        var name = Bodies.UniqueName();

        var response = await Client.PostAsync("/api/v1/workflows", Bodies.Yaml(Bodies.YamlDefinition(name), mediaType), Token);

        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("application/yaml", body.GetProperty("content_type").GetString());
        using var expected = JsonDocument.Parse(Bodies.Definition(name));
        Assert.True(JsonElement.DeepEquals(expected.RootElement, body.GetProperty("definition")),
            $"YAML and JSON differ: {body.GetProperty("definition")}");
        var row = await Factory.QueryAsync(db => db.WorkflowDefinitions.SingleAsync(d => d.Name == name, Token));
        Assert.Equal(Bodies.YamlDefinition(name), row.Text);
    }

    [Fact]
    public async Task Get_List_ShowsNameLatestVersionAndCreatedAt()
    {
        var name = Bodies.UniqueName();
        await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name, "a")), Token);
        await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name, "b")), Token);

        var body = await HttpAssert.JsonAsync(await Client.GetAsync("/api/v1/workflows", Token), HttpStatusCode.OK);

        var item = body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);
        Assert.Equal(2, item.GetProperty("latest_version").GetInt32());
        Assert.True(item.TryGetProperty("created_at", out _));
    }

    [Fact]
    public async Task Delete_Existing_Returns204AndRemovesEveryVersion()
    {
        var name = Bodies.UniqueName();
        await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name, "a")), Token);
        await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name, "b")), Token);

        var response = await Client.DeleteAsync($"/api/v1/workflows/{name}", Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, await Factory.QueryAsync(db => db.WorkflowDefinitions.CountAsync(d => d.Name == name && d.DeletedAt == null, Token)));
        var latest = await HttpAssert.ProblemAsync(await Client.GetAsync($"/api/v1/workflows/{name}", Token), HttpStatusCode.NotFound);
        Assert.StartsWith($"Workflow '{name}' was deleted at ", latest.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var version = await HttpAssert.ProblemAsync(await Client.GetAsync($"/api/v1/workflows/{name}/versions/1", Token), HttpStatusCode.NotFound);
        Assert.StartsWith($"Version 1 of workflow '{name}' was deleted at ", version.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var list = await HttpAssert.JsonAsync(await Client.GetAsync("/api/v1/workflows", Token), HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == name);
        var start = await Client.PostAsync("/api/v1/executions", Bodies.Json($$$"""{"workflow": "{{{name}}}", "input": {"who": "x"} }"""), Token);
        var startProblem = await HttpAssert.ProblemAsync(start, HttpStatusCode.NotFound);
        Assert.Contains("was deleted", startProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await HttpAssert.ProblemAsync(await Client.DeleteAsync($"/api/v1/workflows/{name}", Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_AfterDelete_NeverReusesAVersionAndOldExecutionsKeepTheirText()
    {
        var name = Bodies.UniqueName();
        await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name, "a")), Token);
        await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name, "b")), Token);
        var started = await HttpAssert.JsonAsync(
            await Client.PostAsync("/api/v1/executions", Bodies.Json($$$"""{"workflow": "{{{name}}}", "input": {"who": "Ada"} }"""), Token),
            HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/v1/workflows/{name}", Token)).StatusCode);

        var response = await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name, "c")), Token);

        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(3, body.GetProperty("version").GetInt32());
        Assert.Equal($"/api/v1/workflows/{name}/versions/3", response.Headers.Location?.OriginalString);
        var old = await HttpAssert.ProblemAsync(await Client.GetAsync($"/api/v1/workflows/{name}/versions/2", Token), HttpStatusCode.NotFound);
        Assert.Contains("was deleted", old.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var execution = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal(2, execution.GetProperty("version").GetInt32());
        Assert.Equal("b Ada", execution.GetProperty("output").GetProperty("greeting").GetString());
        var tasks = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK);
        Assert.Equal("SUCCESS", tasks.GetProperty("items")[0].GetProperty("state").GetString());
        var versions = await Factory.QueryAsync(db => db.WorkflowDefinitions.Where(d => d.Name == name).OrderBy(d => d.Version)
            .Select(d => new { d.Version, Deleted = d.DeletedAt != null }).ToListAsync(Token));
        Assert.Equal([(1, true), (2, true), (3, false)], versions.Select(v => (v.Version, v.Deleted)));
    }

    [Fact]
    public async Task Get_VersionNeverPosted_SaysItDoesNotExist()
    {
        var name = Bodies.UniqueName();
        await Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name)), Token);

        var problem = await HttpAssert.ProblemAsync(await Client.GetAsync($"/api/v1/workflows/{name}/versions/7", Token), HttpStatusCode.NotFound);

        Assert.Equal($"Workflow '{name}' has no version 7.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/workflows/nope-never-posted")]
    [InlineData("/api/v1/workflows/nope-never-posted/versions/1")]
    [InlineData("/api/v1/workflows/nope-never-posted/versions/abc")]
    [InlineData("/api/v1/nothing-here")]
    public async Task Get_Unknown_Returns404Problem(string path)
    {
        await HttpAssert.ProblemAsync(await Client.GetAsync(path, Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Validate_ValidDefinition_Returns200AndStoresNothing()
    {
        var name = Bodies.UniqueName();

        var response = await Client.PostAsync("/api/v1/workflows/validate", Bodies.Json(Bodies.Definition(name)), Token);

        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.True(body.GetProperty("valid").GetBoolean());
        Assert.Equal(0, await CountVersionsAsync(name));
    }

    [Fact]
    public async Task Validate_DefinitionWithSeveralErrors_Returns422ListingEveryPath()
    {
        var name = Bodies.UniqueName();
        var definition = $$"""
            {
              "name": "{{name}}",
              "flow": {
                "type": "linear",
                "items": [
                  { "task": "a", "action": "teleport" },
                  { "task": "b", "action": "http", "input": { "method": "GET" } },
                  { "task": "c", "action": "echo", "input": { "value": "${missing}" } }
                ]
              }
            }
            """;

        var response = await Client.PostAsync("/api/v1/workflows/validate", Bodies.Json(definition), Token);

        var problem = await HttpAssert.ProblemAsync(response, (HttpStatusCode)422);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("flow.items[0].action", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("flow.items[1].input.url", out _), errors.ToString());
        Assert.True(errors.EnumerateObject().Any(e => e.Name.StartsWith("flow.items[2]", StringComparison.Ordinal)), errors.ToString());
        Assert.Equal(0, await CountVersionsAsync(name));
    }

    [Fact]
    public async Task Post_InvalidDefinition_Returns422AndStoresNothing()
    {
        var name = Bodies.UniqueName();
        var definition = Bodies.Definition(name).Replace("\"echo\"", "\"teleport\"", StringComparison.Ordinal);

        var response = await Client.PostAsync("/api/v1/workflows", Bodies.Json(definition), Token);

        var problem = await HttpAssert.ProblemAsync(response, (HttpStatusCode)422);
        Assert.True(problem.GetProperty("errors").TryGetProperty("flow.items[0].action", out _));
        Assert.Equal(0, await CountVersionsAsync(name));
    }

    [Fact]
    public async Task Post_ConcurrentChangedTexts_GetDistinctConsecutiveVersions()
    {
        var name = Bodies.UniqueName();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Client.PostAsync("/api/v1/workflows", Bodies.Json(Bodies.Definition(name, $"v{i}")), Token)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var versions = await Factory.QueryAsync(db => db.WorkflowDefinitions.Where(d => d.Name == name).Select(d => d.Version).ToListAsync(Token));
        Assert.Equal(Enumerable.Range(1, 8), versions.Order());
    }

    private Task<int> CountVersionsAsync(string name) =>
        Factory.QueryAsync(db => db.WorkflowDefinitions.CountAsync(d => d.Name == name, Token));
}

public sealed class SqliteWorkflowEndpointsTests(SqliteApiFixture fixture) : WorkflowEndpointsTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresWorkflowEndpointsTests(PostgresApiFixture fixture) : WorkflowEndpointsTests(fixture), IClassFixture<PostgresApiFixture>;
