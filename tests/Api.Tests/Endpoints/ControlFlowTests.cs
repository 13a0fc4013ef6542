using System.Net;
using System.Text.Json;
using WfaaS.Api.Tests.TestHost;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>SPEC §3.5 conditions and §3.6 fan-out over REST, on every provider: what is stored and what the API shows.</summary>
public abstract class ControlFlowTests(ApiFixture fixture)
{
    private WfaasApiFactory Factory => fixture.Factory;

    private HttpClient Client => Factory.CreateClient();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DelegateFanOut_ConcurrencyThree_OneFails_EverythingIsReverted()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName("vms")}}}", "input": ["vms"], "flow": {"type": "linear", "items": [
              {"task": "boot", "action": "delegate", "for_each": "${vms}", "as": "vm", "concurrency": 3, "timeout": "PT1H",
               "revert": {"action": "echo", "input": {"value": "deleted ${vm}"}}, "provides": "booted"}
            ]}}
            """, Token);
        var started = await StartAsync(Client, name, """{"vms": ["a", "b", "c", "d", "e"]}""", Token);
        var id = started.GetProperty("id").GetString()!;

        var waiting = started.GetProperty("waiting").EnumerateArray().ToList();
        Assert.Equal(["boot[0]", "boot[1]", "boot[2]"], waiting.Select(w => w.GetProperty("task").GetString()));
        Assert.All(waiting, w => Assert.Equal("callback", w.GetProperty("kind").GetString()));
        var urls = waiting.ToDictionary(w => w.GetProperty("task").GetString()!, w => new Uri(w.GetProperty("callback_url").GetString()!).AbsolutePath);
        Assert.Equal(3, urls.Values.Distinct().Count());

        await HttpAssert.JsonAsync(await Client.PostAsync(urls["boot[0]"], Bodies.Json("""{"status": "success", "result": "vm-a"}"""), Token), HttpStatusCode.OK);
        var next = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal(["boot[1]", "boot[2]", "boot[3]"], next.GetProperty("waiting").EnumerateArray().Select(w => w.GetProperty("task").GetString()));
        await HttpAssert.JsonAsync(await Client.PostAsync(urls["boot[1]"], Bodies.Json("""{"status": "failure", "error": {"type": "NoCapacity", "message": "full"}}"""), Token), HttpStatusCode.OK);

        var reverted = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal("REVERTED", reverted.GetProperty("state").GetString());
        Assert.Equal(("boot[1]", "NoCapacity"), (reverted.GetProperty("error").GetProperty("task").GetString(), reverted.GetProperty("error").GetProperty("type").GetString()));
        Assert.Equal(HttpStatusCode.Gone, (await Client.PostAsync(urls["boot[2]"], Bodies.Json("""{"status": "success"}"""), Token)).StatusCode);

        var tasks = (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            [("boot", null, "REVERTED"), ("boot[0]", 0, "REVERTED"), ("boot[1]", 1, "REVERTED"), ("boot[2]", 2, "REVERTED"), ("boot[3]", 3, "REVERTED")],
            tasks.Select(t => (t.GetProperty("name").GetString(), t.GetProperty("index").ValueKind == JsonValueKind.Null ? (int?)null : t.GetProperty("index").GetInt32(), t.GetProperty("state").GetString())));
        Assert.Equal("deleted a", tasks[1].GetProperty("meta").GetProperty("revert_result").GetString());
        var history = await Factory.StoredHistoryAsync(id);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(h => h.Seq));
        Assert.DoesNotContain(history, h => h.Name == "boot[4]");
    }

    [Fact]
    public async Task FlowFanOut_WithADelegateInside_ListsEachInstanceWithItsIndex_AndGathersArrays()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName("deploy")}}}", "input": ["hosts"], "output": ["vm", "report"], "flow": {"type": "linear", "items": [
              {"flow": {"name": "deploy", "type": "linear", "for_each": "${hosts}", "as": "host", "concurrency": 2, "items": [
                {"task": "install", "action": "echo", "input": {"value": "${host}#${ctx.index}"}, "provides": "installed"},
                {"task": "boot", "action": "delegate", "input": {"body": {"installed": "${installed}"}}, "timeout": "PT1H", "provides": "vm"}
              ]}},
              {"task": "report", "action": "echo", "input": {"value": "${vm}"}, "provides": "report"}
            ]}}
            """, Token);
        var started = await StartAsync(Client, name, """{"hosts": ["a", "b", "c"]}""", Token);
        var id = started.GetProperty("id").GetString()!;

        var waiting = started.GetProperty("waiting").EnumerateArray().ToList();
        Assert.Equal(["deploy[0].boot", "deploy[1].boot"], waiting.Select(w => w.GetProperty("task").GetString()));
        var urls = waiting.ToDictionary(w => w.GetProperty("task").GetString()!, w => new Uri(w.GetProperty("callback_url").GetString()!).AbsolutePath);
        Assert.Equal(2, urls.Values.Distinct().Count());

        var answer = await HttpAssert.JsonAsync(await Client.PostAsync(urls["deploy[1].boot"], Bodies.Json("""{"status": "success", "result": "vm-b"}"""), Token), HttpStatusCode.OK);
        Assert.Equal("deploy[1].boot", answer.GetProperty("task").GetString());
        var next = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        var third = next.GetProperty("waiting").EnumerateArray().ToList();
        Assert.Equal(["deploy[0].boot", "deploy[2].boot"], third.Select(w => w.GetProperty("task").GetString()));
        urls["deploy[2].boot"] = new Uri(third[1].GetProperty("callback_url").GetString()!).AbsolutePath;
        await HttpAssert.JsonAsync(await Client.PostAsync(urls["deploy[2].boot"], Bodies.Json("""{"status": "success", "result": "vm-c"}"""), Token), HttpStatusCode.OK);
        await HttpAssert.JsonAsync(await Client.PostAsync(urls["deploy[0].boot"], Bodies.Json("""{"status": "success", "result": "vm-a"}"""), Token), HttpStatusCode.OK);

        var done = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal("SUCCESS", done.GetProperty("state").GetString());
        Assert.Equal("""{"vm":["vm-a","vm-b","vm-c"],"report":["vm-a","vm-b","vm-c"]}""", done.GetProperty("output").GetRawText());

        var tasks = (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            [("deploy", null, "flow", "SUCCESS"),
             ("deploy[0].install", 0, "echo", "SUCCESS"), ("deploy[0].boot", 0, "delegate", "SUCCESS"),
             ("deploy[1].install", 1, "echo", "SUCCESS"), ("deploy[1].boot", 1, "delegate", "SUCCESS"),
             ("deploy[2].install", 2, "echo", "SUCCESS"), ("deploy[2].boot", 2, "delegate", "SUCCESS"),
             ("report", null, "echo", "SUCCESS")],
            tasks.Select(t => (t.GetProperty("name").GetString(), t.GetProperty("index").ValueKind == JsonValueKind.Null ? (int?)null : t.GetProperty("index").GetInt32(),
                t.GetProperty("action").GetString(), t.GetProperty("state").GetString())));
        Assert.Equal("\"c#2\"", tasks[5].GetProperty("result").GetRawText());
        Assert.Equal("""[{"installed":"a#0","vm":"vm-a"},{"installed":"b#1","vm":"vm-b"},{"installed":"c#2","vm":"vm-c"}]""", tasks[0].GetProperty("result").GetRawText());
        var history = await Factory.StoredHistoryAsync(id);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(h => h.Seq));
        Assert.Contains(history, h => h.Name == "deploy[2].boot" && h.To == "WAITING");
    }

    [Fact]
    public async Task When_PicksOneOfTwoBranches_AndTheJoinReadsWhatRan()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName("branch")}}}", "input": ["size"], "output": ["plan"], "flow": {"type": "graph", "items": [
              {"task": "small", "action": "echo", "input": {"value": "one node"}, "provides": "plan", "when": "size < 10"},
              {"task": "large", "action": "echo", "input": {"value": "a cluster"}, "provides": "plan", "when": "size >= 10"},
              {"task": "report", "action": "echo", "input": {"value": "built ${plan}"}, "provides": "report"}
            ]}}
            """, Token);

        var small = await StartAsync(Client, name, """{"size": 3}""", Token);
        var large = await StartAsync(Client, name, """{"size": 30}""", Token);

        Assert.Equal(("SUCCESS", "one node"), (small.GetProperty("state").GetString(), small.GetProperty("output").GetProperty("plan").GetString()));
        Assert.Equal("a cluster", large.GetProperty("output").GetProperty("plan").GetString());
        var tasks = (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{small.GetProperty("id").GetString()}/tasks", Token), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("state").GetString());
        Assert.Equal("SKIPPED", tasks["large"]);
        var skip = (await Factory.StoredHistoryAsync(small.GetProperty("id").GetString()!)).Single(h => h.Name == "large");
        Assert.Equal(("PENDING", "SKIPPED", "when false"), (skip.From, skip.To, skip.Cause));
    }

    [Fact]
    public async Task When_ThatDoesNotParse_Is422AtItsPath()
    {
        var response = await Client.PostAsync("/api/v1/workflows/validate", Bodies.Json("""
            {"name": "w", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop", "when": "a =="}, {"task": "b", "action": "noop", "for_each": "hosts"}]}}
            """), Token);

        var problem = await HttpAssert.ProblemAsync(response, (HttpStatusCode)422);
        Assert.True(problem.GetProperty("errors").TryGetProperty("flow.items[0].when", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("flow.items[1].for_each", out _));
    }
}

public sealed class SqliteControlFlowTests(SqliteApiFixture fixture) : ControlFlowTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresControlFlowTests(PostgresApiFixture fixture) : ControlFlowTests(fixture), IClassFixture<PostgresApiFixture>;
