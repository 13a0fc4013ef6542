using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Api.Tests.TestHost;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>SPEC §6 cron triggers: rows in our tables, Hangfire recurring jobs that start executions.</summary>
public abstract class TriggerTests(ApiFixture fixture)
{
    private static readonly string[] InvalidFields = ["name", "cron", "time_zone", "input.who"];

    private WfaasApiFactory Factory => fixture.Factory;

    private HttpClient Client => Factory.CreateClient();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Trigger_CreatedListedFiredAndDeleted()
    {
        var workflow = await PostDefinitionAsync(Client, Bodies.Definition(Bodies.UniqueName()), Token);
        var name = Bodies.UniqueName("nightly");
        var body = $$$"""{"name": "{{{name}}}", "workflow": "{{{workflow}}}", "input": {"who": "cron"}, "cron": "0 3 * * *", "time_zone": "Europe/Paris"}""";

        var created = await HttpAssert.JsonAsync(await Client.PostAsync("/api/v1/triggers", Bodies.Json(body), Token), HttpStatusCode.Created);
        await HttpAssert.ProblemAsync(await Client.PostAsync("/api/v1/triggers", Bodies.Json(body), Token), HttpStatusCode.Conflict);
        var listed = await HttpAssert.JsonAsync(await Client.GetAsync("/api/v1/triggers", Token), HttpStatusCode.OK);

        Assert.Equal(("0 3 * * *", "Europe/Paris"), (created.GetProperty("cron").GetString(), created.GetProperty("time_zone").GetString()));
        Assert.Equal(2, created.GetProperty("next_run_at").GetDateTimeOffset().UtcDateTime.Hour);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), t => t.GetProperty("name").GetString() == name);
        Assert.Contains(RecurringJobs(), j => j.Id == $"trigger:{name}");

        var mark = Factory.Commits.Mark();
        Factory.Services.GetRequiredService<IRecurringJobManager>().Trigger($"trigger:{name}");
        var started = await Factory.Commits.WaitForNewExecutionAsync(mark, except: null, Token);

        var executions = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions?workflow={workflow}", Token), HttpStatusCode.OK);
        var execution = Assert.Single(executions.GetProperty("items").EnumerateArray());
        Assert.Equal(started.ToString(), execution.GetProperty("id").GetString());
        Assert.Equal("cron", execution.GetProperty("input").GetProperty("who").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/v1/triggers/{name}", Token)).StatusCode);
        await HttpAssert.ProblemAsync(await Client.GetAsync($"/api/v1/triggers/{name}", Token), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Client.DeleteAsync($"/api/v1/triggers/{name}", Token), HttpStatusCode.NotFound);
        Assert.DoesNotContain(RecurringJobs(), j => j.Id == $"trigger:{name}");
    }

    [Fact]
    public async Task Trigger_Invalid_Returns422NamingEveryField()
    {
        var workflow = await PostDefinitionAsync(Client, Bodies.Definition(Bodies.UniqueName()), Token);
        var body = $$$"""{"name": "9 bad", "workflow": "{{{workflow}}}", "input": {}, "cron": "every day", "time_zone": "Mars/Olympus"}""";

        var problem = await HttpAssert.ProblemAsync(await Client.PostAsync("/api/v1/triggers", Bodies.Json(body), Token), (HttpStatusCode)422);

        var errors = problem.GetProperty("errors");
        foreach (var field in InvalidFields)
        {
            Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        }
    }

    private List<RecurringJobDto> RecurringJobs()
    {
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }
}

public sealed class SqliteTriggerTests(SqliteApiFixture fixture) : TriggerTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresTriggerTests(PostgresApiFixture fixture) : TriggerTests(fixture), IClassFixture<PostgresApiFixture>;
