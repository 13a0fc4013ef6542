using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WfaaS.Api.Tests.TestHost;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>Durable timers and the http action through the real Hangfire server (SPEC §3.4, §5.2).</summary>
public abstract class LongRunningActionTests(ApiFixture fixture) : ExternalSystemTests(fixture)
{
    [Fact]
    public async Task Wait_FiresWhenTheClockPassesItsDueTime()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "nap", "action": "wait", "input": {"duration": "PT2S"}, "provides": "woke"},
              {"task": "after", "action": "noop"}
            ]}}
            """, Token);
        var started = await StartAsync(Client, name, "{}", Token);
        var id = started.GetProperty("id").GetString()!;
        Assert.Equal("RUNNING", started.GetProperty("state").GetString());
        Assert.Equal(1, await Factory.QueryAsync(db => db.Timers.CountAsync(t => t.ExecutionId == Guid.Parse(id) && t.Kind == "WAIT", Token)));

        Factory.Time.Advance(TimeSpan.FromSeconds(2));

        var finished = await WaitForStateAsync(Factory, id, "SUCCESS", Token);
        Assert.True(finished.GetProperty("output").TryGetProperty("woke", out var woke) && woke.TryGetProperty("fired_at", out _));
        Assert.Equal(0, await Factory.QueryAsync(db => db.Timers.CountAsync(t => t.ExecutionId == Guid.Parse(id), Token)));
    }

    [Fact]
    public async Task Waits_DueTogether_AllFire_TwoOfOneExecutionInOneTickToo()
    {
        // More executions than one read of due timers takes, each with two timers due at the same instant.
        const int Executions = 300;
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"flow": {"type": "unordered", "items": [
                {"task": "left", "action": "wait", "input": {"duration": "PT1S"}},
                {"task": "right", "action": "wait", "input": {"duration": "PT1S"}}
              ]}},
              {"task": "after", "action": "noop"}
            ]}}
            """, Token);
        var ids = new List<Guid>();
        for (var i = 0; i < Executions; i++)
        {
            ids.Add(Guid.Parse((await StartAsync(Client, name, "{}", Token)).GetProperty("id").GetString()!));
        }

        Assert.Equal(2 * Executions, await Factory.QueryAsync(db => db.Timers.CountAsync(t => ids.Contains(t.ExecutionId), Token)));

        Factory.Time.Advance(TimeSpan.FromSeconds(1));

        var states = await Task.WhenAll(ids.Select(id => Factory.Commits.WaitForFinalStateAsync(id, Token)));
        Assert.All(states, state => Assert.Equal("SUCCESS", state));
        Assert.Equal(0, await Factory.QueryAsync(db => db.Timers.CountAsync(t => ids.Contains(t.ExecutionId), Token)));
        var tasks = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{ids[^1]}/tasks", Token), HttpStatusCode.OK);
        Assert.Equal(["SUCCESS", "SUCCESS", "SUCCESS"], tasks.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Repeat_RunsAgainAfterEvery()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "repeat": {"every": "PT1M", "times": 1}, "flow": {"type": "linear", "items": [{"task": "tick", "action": "noop"}]}}
            """, Token);
        var started = await StartAsync(Client, name, "{}", Token);
        var id = started.GetProperty("id").GetString()!;

        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        await WaitForStateAsync(Factory, id, "SUCCESS", Token);

        Assert.Equal("RUNNING", started.GetProperty("state").GetString());
        var tasks = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK);
        Assert.Equal(2, tasks.GetProperty("items")[0].GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task RepeatWithCheckpointRetention_CompactsOlderHistoryIntoOneEntry()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "repeat": {"every": "PT1M", "times": 2}, "flow": {"type": "linear", "items": [
              {"task": "a", "action": "noop"}, {"checkpoint": "cp", "retention": {"keep_checkpoints": 1}}, {"task": "b", "action": "noop"}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, name, "{}", Token)).GetProperty("id").GetString()!;

        // Each run is local: it finishes in the step that starts it, and arms the next run's timer.
        await Factory.Commits.WaitForCommitsAsync(Guid.Parse(id), 1, Token);
        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        await Factory.Commits.WaitForCommitsAsync(Guid.Parse(id), 2, Token);
        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        await WaitForStateAsync(Factory, id, "SUCCESS", Token);
        Assert.Equal(["RUNNING", "RUNNING", "SUCCESS"], await Factory.Commits.WaitForCommitsAsync(Guid.Parse(id), 3, Token));

        // The last passage's compaction is written right after the step that reached it commits.
        List<JsonElement> history = [];
        await Factory.Commits.UntilAsync(
            async () =>
            {
                history = [.. (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/history", Token), HttpStatusCode.OK))
                    .GetProperty("items").EnumerateArray()];
                return history.Count(h => h.GetProperty("subject").GetString() == "checkpoint") == 1;
            },
            "compacted to one checkpoint passage",
            Token);

        var compacted = Assert.Single(history, h => h.GetProperty("name").GetString() == "history_compacted");
        Assert.Equal(compacted.GetProperty("seq").GetInt64(), compacted.GetProperty("up_to_seq").GetInt64());
        Assert.True(compacted.GetProperty("removed").GetInt32() > 10);
        Assert.Equal(history.Select(h => h.GetProperty("seq").GetInt64()).Order(), history.Select(h => h.GetProperty("seq").GetInt64()));
        Assert.Single(history, h => h.GetProperty("subject").GetString() == "checkpoint" && h.GetProperty("to").GetString() == "REACHED");
        var tasks = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK);
        Assert.Equal(3, tasks.GetProperty("items")[0].GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task Retry_RerunsAfterItsDelayThenReverts()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "flaky", "action": "fail", "input": {"message": "no"}, "retry": {"count": 1, "delay": "PT5S"}}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, name, "{}", Token)).GetProperty("id").GetString()!;

        Factory.Time.Advance(TimeSpan.FromSeconds(5));

        await WaitForStateAsync(Factory, id, "REVERTED", Token);
        var task = (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK))
            .GetProperty("items")[0];
        Assert.Equal(2, task.GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task Http_CallsTheTargetWithIdempotencyKeyAndProvidesByPath()
    {
        External.Script("/flaky", 503, 503);
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "output": ["reservation"], "flow": {"type": "linear", "items": [
              {"task": "reserve", "action": "http", "input": {"method": "POST", "url": "{{{External.Url("/flaky")}}}", "body": {"size": 2}},
               "provides": {"reservation": "body.id"}}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, name, "{}", Token)).GetProperty("id").GetString()!;

        // Polly backs off between the 503s on the service's (fake) clock, at moments the test cannot see.
        await AdvanceUntilAsync(Factory.Time, Factory.Commits.WaitForFinalStateAsync(Guid.Parse(id), Token), Token);
        var finished = await WaitForStateAsync(Factory, id, "SUCCESS", Token);

        Assert.Equal(42, finished.GetProperty("output").GetProperty("reservation").GetInt32());
        var calls = External.Received.Where(r => r.Path == "/flaky").ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal($"{id}:reserve:1", c.IdempotencyKey));
        Assert.Equal("""{"size":2}""", calls[0].Body);
        Assert.Equal(0, await Factory.QueryAsync(db => db.Outbox.CountAsync(o => o.ExecutionId == Guid.Parse(id) && o.DispatchedAt == null, Token)));
    }

    [Fact]
    public async Task Http_ClientErrorFailsWithHttpErrorAndReverts()
    {
        External.Script("/reject", 400);
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "call", "action": "http", "input": {"method": "GET", "url": "{{{External.Url("/reject")}}}"}}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, name, "{}", Token)).GetProperty("id").GetString()!;

        var finished = await WaitForStateAsync(Factory, id, "REVERTED", Token);

        Assert.Equal("HttpError", finished.GetProperty("error").GetProperty("type").GetString());
    }

    /// <summary>
    /// The fixture names 127.0.0.1, and <c>*</c>; <c>localhost</c> passes <c>*</c> and resolves to the same
    /// loopback addresses, but no pattern names it, so the connection is refused after DNS (SPEC §2) and
    /// the system receives nothing. Only
    /// loopback is ever addressed here: link-local and metadata refusals are decided in HostGuardTests.
    /// </summary>
    [Theory]
    [InlineData("http")]
    [InlineData("delegate")]
    public async Task HttpAndDelegate_LoopbackHostNoPatternNames_AreRefusedAndSendNothing(string action)
    {
        var url = External.Url("/inside").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var input = action == "http" ? $$"""{"method": "GET", "url": "{{url}}", "timeout": "PT5S"}""" : $$"""{"url": "{{url}}"}""";
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "inside", "action": "{{{action}}}", "input": {{{input}}}}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, name, "{}", Token)).GetProperty("id").GetString()!;

        Assert.Equal("REVERTED", await Factory.Commits.WaitForStateAsync(Guid.Parse(id), ["REVERTED", "SUCCESS"], Token));

        var error = (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK)).GetProperty("error");
        Assert.Equal(("inside", "HostNotAllowed"), (error.GetProperty("task").GetString(), error.GetProperty("type").GetString()));
        Assert.Contains("name 'localhost' in Actions:Http:AllowedHosts", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(External.Received);
    }
}

public sealed class SqliteLongRunningActionTests(SqliteExternalSystemFixture fixture) : LongRunningActionTests(fixture), IClassFixture<SqliteExternalSystemFixture>;

public sealed class PostgresLongRunningActionTests(PostgresExternalSystemFixture fixture) : LongRunningActionTests(fixture), IClassFixture<PostgresExternalSystemFixture>;
