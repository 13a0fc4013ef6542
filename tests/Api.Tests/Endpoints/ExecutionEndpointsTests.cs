using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>SPEC §6 execution rows and §5.1–5.2 as a client sees them, on every storage provider.</summary>
public abstract class ExecutionEndpointsTests(ApiFixture fixture)
{
    private WfaasApiFactory Factory => fixture.Factory;

    private HttpClient Client => Factory.CreateClient();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_LinearLocalFlow_Returns201AlreadySucceededWithOutputTasksAndHistory()
    {
        var name = await PostDefinitionAsync(Bodies.Definition(Bodies.UniqueName()));

        var response = await StartAsync(name, """{"who": "ann"}""");

        var execution = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        var id = execution.GetProperty("id").GetString();
        Assert.Equal($"/api/v1/executions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("SUCCESS", execution.GetProperty("state").GetString());
        Assert.Equal(name, execution.GetProperty("workflow").GetString());
        Assert.Equal(1, execution.GetProperty("version").GetInt32());
        Assert.Equal("hi ann", execution.GetProperty("output").GetProperty("greeting").GetString());
        Assert.Equal(JsonValueKind.Null, execution.GetProperty("error").ValueKind);
        Assert.Equal(0, execution.GetProperty("waiting").GetArrayLength());
        Assert.EndsWith("Z", execution.GetProperty("finished_at").GetString(), StringComparison.Ordinal);

        var fetched = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal("SUCCESS", fetched.GetProperty("state").GetString());

        var tasks = (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["greet", "done"], tasks.Select(t => t.GetProperty("name").GetString()));
        Assert.All(tasks, t => Assert.Equal("SUCCESS", t.GetProperty("state").GetString()));
        Assert.Equal("echo", tasks[0].GetProperty("action").GetString());
        Assert.Equal("hi ann", tasks[0].GetProperty("result").GetString());
        Assert.Equal(1, tasks[0].GetProperty("attempt").GetInt32());
        Assert.True(Guid.TryParse(tasks[0].GetProperty("uuid").GetString(), out _));
        Assert.True(tasks[0].TryGetProperty("started_at", out _));

        var history = (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/history", Token), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(h => h.GetProperty("seq").GetInt64()));
        Assert.Equal(("execution", "RUNNING"), (history[0].GetProperty("subject").GetString(), history[0].GetProperty("to").GetString()));
        Assert.Equal(("execution", "SUCCESS"), (history[^1].GetProperty("subject").GetString(), history[^1].GetProperty("to").GetString()));
        // A local flow is one step, the start: its few entries are kept in the execution's row.
        var stored = await Factory.QueryAsync(async db => (
            Rows: await db.History.Where(h => h.ExecutionId == Guid.Parse(id!)).CountAsync(Token),
            InRow: await db.Executions.Where(e => e.Id == Guid.Parse(id!)).Select(e => e.StartHistory).SingleAsync(Token)));
        Assert.Equal(0, stored.Rows);
        Assert.Equal(history.Count, JsonDocument.Parse(stored.InRow!).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Start_FailingTask_EndsRevertedWithRevertOrderInHistory()
    {
        var name = await PostDefinitionAsync($$$"""
            {
              "name": "{{{Bodies.UniqueName()}}}",
              "flow": {"type": "linear", "items": [
                {"task": "a", "action": "noop", "revert": {"action": "noop"}},
                {"task": "b", "action": "noop", "revert": {"action": "noop"}},
                {"task": "c", "action": "fail", "input": {"message": "disk full", "type": "DiskFull"}},
                {"task": "d", "action": "noop"}
              ]}
            }
            """);

        var execution = await HttpAssert.JsonAsync(await StartAsync(name, "{}"), HttpStatusCode.Created);

        Assert.Equal("REVERTED", execution.GetProperty("state").GetString());
        var error = execution.GetProperty("error");
        Assert.Equal(("c", "DiskFull", "disk full"),
            (error.GetProperty("task").GetString(), error.GetProperty("type").GetString(), error.GetProperty("message").GetString()));
        var id = execution.GetProperty("id").GetString();
        var history = (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/history", Token), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray()
            .Where(h => h.GetProperty("to").GetString() == "REVERTED" && h.GetProperty("subject").GetString() == "task")
            .Select(h => h.GetProperty("name").GetString());
        Assert.Equal(["c", "b", "a"], history);
        var tasks = (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal("PENDING", tasks["d"].GetProperty("state").GetString());
        Assert.Equal("DiskFull", tasks["c"].GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Start_UnknownWorkflowOrVersion_Returns404AndStoresNothing()
    {
        var name = await PostDefinitionAsync(Bodies.Definition(Bodies.UniqueName()));
        var before = await CountExecutionsAsync();

        await HttpAssert.ProblemAsync(await StartAsync("never-posted-workflow", "{}"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(
            await Client.PostAsync("/api/v1/executions", Bodies.Json($$$"""{"workflow": "{{{name}}}", "version": 7, "input": {"who": "x"}}"""), Token),
            HttpStatusCode.NotFound);

        Assert.Equal(before, await CountExecutionsAsync());
    }

    [Fact]
    public async Task Start_RightAfterANewVersionOrADelete_SeesIt()
    {
        var name = Bodies.UniqueName();
        await PostDefinitionAsync(Bodies.Definition(name));
        var first = await HttpAssert.JsonAsync(await StartAsync(name, """{"who": "a"}"""), HttpStatusCode.Created);

        await PostDefinitionAsync(Bodies.Definition(name, value: "hello"));
        var second = await HttpAssert.JsonAsync(await StartAsync(name, """{"who": "a"}"""), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/v1/workflows/{name}", Token)).StatusCode);
        var third = await StartAsync(name, """{"who": "a"}""");

        Assert.Equal((1, 2), (first.GetProperty("version").GetInt32(), second.GetProperty("version").GetInt32()));
        await HttpAssert.ProblemAsync(third, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Start_InputMissingDeclaredNames_Returns422NamingThem()
    {
        var name = await PostDefinitionAsync(Bodies.Definition(Bodies.UniqueName()));
        var before = await CountExecutionsAsync();

        var problem = await HttpAssert.ProblemAsync(await StartAsync(name, """{"someone": "else"}"""), (HttpStatusCode)422);

        Assert.True(problem.GetProperty("errors").TryGetProperty("input.who", out _), problem.ToString());
        Assert.Equal(before, await CountExecutionsAsync());
    }

    [Theory]
    [InlineData("""{"workflow": "x", "input": [1, 2]}""", 422)]
    [InlineData("""{"workflow": "x", "input": "text"}""", 422)]
    [InlineData("""{"input": {}}""", 422)]
    [InlineData("""{"workflow": "x", "version": 0}""", 422)]
    [InlineData("""{"workflow": 12}""", 400)]
    [InlineData("""{"workflow": "x", "version": "one"}""", 400)]
    [InlineData("""{"workflow": """, 400)]
    [InlineData("""[]""", 400)]
    [InlineData("""null""", 400)]
    public async Task Start_MalformedRequest_AnswersProblemAndStoresNothing(string body, int status)
    {
        var before = await CountExecutionsAsync();

        await HttpAssert.ProblemAsync(await Client.PostAsync("/api/v1/executions", Bodies.Json(body), Token), (HttpStatusCode)status);

        Assert.Equal(before, await CountExecutionsAsync());
    }

    [Fact]
    public async Task Start_SameIdempotencyKeyAndBody_ReturnsSameExecutionWith200()
    {
        var name = await PostDefinitionAsync(Bodies.Definition(Bodies.UniqueName()));
        var key = Guid.NewGuid().ToString();

        var first = await HttpAssert.JsonAsync(await StartAsync(name, """{"who": "ann"}""", key), HttpStatusCode.Created);
        var again = await HttpAssert.JsonAsync(await StartAsync(name, """{"who": "ann"}""", key), HttpStatusCode.OK);
        var other = await StartAsync(name, """{"who": "bob"}""", key);

        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        await HttpAssert.ProblemAsync(other, (HttpStatusCode)422);
        Assert.Equal(1, await Factory.QueryAsync(db => db.Executions.CountAsync(e => e.IdempotencyKey == key, Token)));
    }

    [Fact]
    public async Task List_FiltersByWorkflowAndStateAndPagesWithCursor()
    {
        var name = await PostDefinitionAsync(Bodies.Definition(Bodies.UniqueName()));
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var started = await HttpAssert.JsonAsync(await StartAsync(name, $$"""{"who": "n{{i}}"}"""), HttpStatusCode.Created);
            ids.Add(started.GetProperty("id").GetString()!);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/executions?workflow={name}&state=SUCCESS&limit=2" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await HttpAssert.JsonAsync(await Client.GetAsync(url, Token), HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
        var none = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions?workflow={name}&state=FAILED", Token), HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/v1/executions?limit=0")]
    [InlineData("/api/v1/executions?limit=501")]
    [InlineData("/api/v1/executions?cursor=not-a-cursor")]
    [InlineData("/api/v1/executions?limit=abc")]
    public async Task List_BadPaging_Returns400(string url)
    {
        await HttpAssert.ProblemAsync(await Client.GetAsync(url, Token), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task History_PagesByAfterSeqAndCursor()
    {
        var name = await PostDefinitionAsync(Bodies.Definition(Bodies.UniqueName()));
        var id = (await HttpAssert.JsonAsync(await StartAsync(name, """{"who": "x"}"""), HttpStatusCode.Created)).GetProperty("id").GetString();

        var first = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/history?limit=3", Token), HttpStatusCode.OK);
        var cursor = first.GetProperty("next_cursor").GetString();
        var second = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/history?limit=3&cursor={cursor}", Token), HttpStatusCode.OK);
        var afterSeq = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/history?after_seq=3&limit=3", Token), HttpStatusCode.OK);

        Assert.Equal([1L, 2L, 3L], first.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("seq").GetInt64()));
        Assert.Equal([4L, 5L, 6L], second.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("seq").GetInt64()));
        Assert.Equal(second.GetProperty("items").ToString(), afterSeq.GetProperty("items").ToString());
    }

    [Theory]
    [InlineData("/api/v1/executions/6f1c2a9e-0000-4000-8000-000000000099")]
    [InlineData("/api/v1/executions/6f1c2a9e-0000-4000-8000-000000000099/tasks")]
    [InlineData("/api/v1/executions/6f1c2a9e-0000-4000-8000-000000000099/history")]
    [InlineData("/api/v1/executions/not-a-guid")]
    [InlineData("/api/v1/executions/not-a-guid/tasks")]
    [InlineData("/api/v1/executions/%ff%fe/history")]
    public async Task Get_UnknownOrMalformedId_Returns404(string url)
    {
        await HttpAssert.ProblemAsync(await Client.GetAsync(url, Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteWorkflow_WhileAnExecutionWaits_Returns409AndKeepsIt()
    {
        var name = await PostDefinitionAsync($$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "nap", "action": "wait", "input": {"duration": "PT1H"}}
            ]}}
            """);
        var execution = await HttpAssert.JsonAsync(await StartAsync(name, "{}"), HttpStatusCode.Created);
        Assert.Equal("RUNNING", execution.GetProperty("state").GetString());
        var waiting = Assert.Single(execution.GetProperty("waiting").EnumerateArray());
        Assert.Equal(("nap", "timer"), (waiting.GetProperty("task").GetString(), waiting.GetProperty("kind").GetString()));

        var problem = await HttpAssert.ProblemAsync(await Client.DeleteAsync($"/api/v1/workflows/{name}", Token), HttpStatusCode.Conflict);

        Assert.Contains("not finished", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await Factory.QueryAsync(db => db.WorkflowDefinitions.CountAsync(d => d.Name == name, Token)));
    }

    private async Task<string> PostDefinitionAsync(string definition)
    {
        var response = await Client.PostAsync("/api/v1/workflows", Bodies.Json(definition), Token);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("name").GetString()!;
    }

    private async Task<HttpResponseMessage> StartAsync(string workflow, string input, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/executions")
        {
            Content = Bodies.Json($$"""{"workflow": "{{workflow}}", "input": {{input}}}"""),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Client.SendAsync(request, Token);
    }

    private Task<int> CountExecutionsAsync() => Factory.QueryAsync(db => db.Executions.CountAsync(Token));
}

public sealed class SqliteExecutionEndpointsTests(SqliteApiFixture fixture) : ExecutionEndpointsTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresExecutionEndpointsTests(PostgresApiFixture fixture) : ExecutionEndpointsTests(fixture), IClassFixture<PostgresApiFixture>;
