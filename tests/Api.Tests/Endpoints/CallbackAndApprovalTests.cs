using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WfaaS.Api.Tests.TestHost;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>Delegates, callbacks, heartbeats, approvals and operator commands (SPEC §3.4, §5.5, §6), on every provider.</summary>
public abstract class CallbackAndApprovalTests(ApiFixture fixture) : ExternalSystemTests(fixture)
{
    [Fact]
    public async Task Delegate_SendsRequestWaitsAndCompletesOnceFromItsCallback()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "output": ["vm"], "flow": {"type": "linear", "items": [
              {"task": "boot", "action": "delegate", "input": {"url": "{{{External.Url("/boot")}}}", "body": {"image": "debian"}},
               "timeout": "P5D", "provides": "vm"}
            ]}}
            """, Token);
        var started = await StartAsync(Client, name, "{}", Token);
        var id = started.GetProperty("id").GetString()!;
        var waiting = Assert.Single(started.GetProperty("waiting").EnumerateArray());
        Assert.Equal(("boot", "callback"), (waiting.GetProperty("task").GetString(), waiting.GetProperty("kind").GetString()));
        Assert.Equal(started.GetProperty("created_at").GetDateTimeOffset().AddDays(5), waiting.GetProperty("due_at").GetDateTimeOffset());
        var callbackUrl = waiting.GetProperty("callback_url").GetString()!;
        var token = callbackUrl[(callbackUrl.LastIndexOf('/') + 1)..];
        Assert.Matches("^[A-Za-z0-9_-]{75}$", token);   // base64url of 56 bytes: execution, nonce, attempt, task tag, MAC

        var sent = await External.WaitForRequestAsync("/boot", Token);
        using var payload = JsonDocument.Parse(sent.Body);
        Assert.Equal(id, payload.RootElement.GetProperty("execution_id").GetString());
        Assert.Equal(callbackUrl, payload.RootElement.GetProperty("callback_url").GetString());
        Assert.Equal("debian", payload.RootElement.GetProperty("input").GetProperty("image").GetString());
        Assert.Equal($"{id}:boot:1", sent.IdempotencyKey);

        var body = """{"status": "success", "result": {"id": "vm-7"}}""";
        var first = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/callbacks/{token}", Bodies.Json(body), Token), HttpStatusCode.OK);
        var again = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/callbacks/{token}", Bodies.Json(body), Token), HttpStatusCode.OK);
        var other = await Client.PostAsync($"/api/v1/callbacks/{token}", Bodies.Json("""{"status": "failure", "error": {"message": "late"}}"""), Token);

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.Equal(("boot", id), (first.GetProperty("task").GetString(), first.GetProperty("execution_id").GetString()));
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        await HttpAssert.ProblemAsync(other, HttpStatusCode.Conflict);
        var done = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal("SUCCESS", done.GetProperty("state").GetString());
        Assert.Equal("vm-7", done.GetProperty("output").GetProperty("vm").GetProperty("id").GetString());
        Assert.Single(await Factory.StoredHistoryAsync(id), h => h.Name == "boot" && h.To == "SUCCESS");
        Assert.Equal([Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))], (await Factory.QueryAsync(db => db.Tokens.Where(t => t.ExecutionId == Guid.Parse(id)).Select(t => t.Hash).ToListAsync(Token))).Select(Convert.ToHexString));
    }

    [Fact]
    public async Task Callback_UnknownMalformedAndVoidedTokens_AnswerTheirProblems()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "job", "action": "delegate", "timeout": "PT10S"}
            ]}}
            """, Token);
        var started = await StartAsync(Client, name, "{}", Token);
        var id = started.GetProperty("id").GetString()!;
        var token = TokenOf(started);

        await HttpAssert.ProblemAsync(await Client.PostAsync("/api/v1/callbacks/not-a-real-token", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{token}", Bodies.Json("""{"status": "maybe"}"""), Token), HttpStatusCode.BadRequest);
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{token}", Bodies.Json("""{"status": """), Token), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/api/v1/callbacks/{token}/heartbeat", null, Token)).StatusCode);

        Factory.Time.Advance(TimeSpan.FromSeconds(10));
        var timedOut = await WaitForStateAsync(Factory, id, "REVERTED", Token);

        Assert.Equal("Timeout", timedOut.GetProperty("error").GetProperty("type").GetString());
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{token}", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.Gone);
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{token}/heartbeat", null, Token), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Callbacks_ManyConcurrentWithDuplicates_ExactlyOneAcceptedPerToken()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "job", "action": "delegate"}, {"task": "after", "action": "noop"}
            ]}}
            """, Token);
        var tokens = new List<(string Id, string Token)>();
        for (var i = 0; i < 12; i++)
        {
            var started = await StartAsync(Client, name, "{}", Token);
            tokens.Add((started.GetProperty("id").GetString()!, TokenOf(started)));
        }

        var responses = await Task.WhenAll(tokens.SelectMany(t => Enumerable.Repeat(t.Token, 3)).Select(async token =>
        {
            var response = await Factory.CreateClient().PostAsync($"/api/v1/callbacks/{token}", Bodies.Json("""{"status": "success"}"""), Token);
            return (Token: token, Body: await HttpAssert.JsonAsync(response, HttpStatusCode.OK));
        }));

        Assert.All(responses.GroupBy(r => r.Token), group => Assert.Single(group, r => !r.Body.GetProperty("duplicate").GetBoolean()));
        foreach (var (id, _) in tokens)
        {
            var execution = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
            Assert.Equal("SUCCESS", execution.GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task Approval_ListedWhilePendingThenDecided()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "input": ["vm"], "output": ["approval"], "flow": {"type": "linear", "items": [
              {"task": "approve", "action": "approval", "input": {"prompt": "Approve VM ${vm}?"}, "provides": "approval"}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, name, """{"vm": "vm-9"}""", Token)).GetProperty("id").GetString()!;

        var pending = await HttpAssert.JsonAsync(await Client.GetAsync("/api/v1/approvals?state=pending", Token), HttpStatusCode.OK);
        var item = pending.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("execution_id").GetString() == id);
        Assert.Equal("Approve VM vm-9?", item.GetProperty("prompt").GetString());
        Assert.Equal((JsonValueKind.Null, 1, JsonValueKind.Null), (item.GetProperty("approvers").ValueKind, item.GetProperty("quorum").GetInt32(), item.GetProperty("approve_urls").ValueKind));
        var approveUrl = new Uri(item.GetProperty("approve_url").GetString()!).AbsolutePath;

        await HttpAssert.ProblemAsync(await Client.PostAsync(approveUrl, Bodies.Json("""{"decision": "perhaps"}"""), Token), HttpStatusCode.BadRequest);
        var decided = await HttpAssert.JsonAsync(
            await Client.PostAsync(approveUrl, Bodies.Json("""{"decision": "approve", "comment": "ok", "by": "ann"}"""), Token), HttpStatusCode.OK);

        Assert.False(decided.GetProperty("duplicate").GetBoolean());
        var done = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        var approval = done.GetProperty("output").GetProperty("approval");
        Assert.Equal(("approve", "ok", "ann"), (approval.GetProperty("decision").GetString(), approval.GetProperty("comment").GetString(), approval.GetProperty("by").GetString()));
        Assert.Equal("ann", Assert.Single(approval.GetProperty("decisions").EnumerateArray()).GetProperty("by").GetString());
        var after = await HttpAssert.JsonAsync(await Client.GetAsync("/api/v1/approvals", Token), HttpStatusCode.OK);
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("execution_id").GetString() == id);
    }

    [Fact]
    public async Task Approvers_EachLinkDecidesAsItsApproverQuorumPassesAndTheRestAreGone()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "output": ["approval"], "flow": {"type": "linear", "items": [
              {"task": "approve", "action": "approval", "input": {"prompt": "Ship?", "approvers": ["ann", "bob", "cid"], "quorum": 2}, "provides": "approval"}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, name, "{}", Token)).GetProperty("id").GetString()!;
        var links = await LinksAsync(id);
        Assert.Equal(["ann", "bob", "cid"], links.Keys.Order(StringComparer.Ordinal));

        var ann = await HttpAssert.JsonAsync(await Client.PostAsync(links["ann"], Bodies.Json("""{"decision": "approve", "comment": "yes"}"""), Token), HttpStatusCode.OK);
        var annAgain = await HttpAssert.JsonAsync(await Client.PostAsync(links["ann"], Bodies.Json("""{"decision": "approve", "comment": "yes", "by": "ann"}"""), Token), HttpStatusCode.OK);
        var annChanged = await Client.PostAsync(links["ann"], Bodies.Json("""{"decision": "reject"}"""), Token);
        var bobAsAnn = await Client.PostAsync(links["bob"], Bodies.Json("""{"decision": "approve", "by": "ann"}"""), Token);
        var halfway = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        var remaining = await LinksAsync(id);

        Assert.False(ann.GetProperty("duplicate").GetBoolean());
        Assert.True(annAgain.GetProperty("duplicate").GetBoolean());
        await HttpAssert.ProblemAsync(annChanged, HttpStatusCode.Conflict);
        var refused = await HttpAssert.ProblemAsync(bobAsAnn, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("bob", refused.GetProperty("errors").GetProperty("by")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("RUNNING", halfway.GetProperty("state").GetString());
        Assert.Equal(["bob", "cid"], remaining.Keys.Order(StringComparer.Ordinal));

        await HttpAssert.JsonAsync(await Client.PostAsync(links["bob"], Bodies.Json("""{"decision": "approve"}"""), Token), HttpStatusCode.OK);
        var done = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(await Client.PostAsync(links["cid"], Bodies.Json("""{"decision": "reject"}"""), Token), HttpStatusCode.Gone);

        Assert.Equal("SUCCESS", done.GetProperty("state").GetString());
        var approval = done.GetProperty("output").GetProperty("approval");
        Assert.Equal(("approve", "bob"), (approval.GetProperty("decision").GetString(), approval.GetProperty("by").GetString()));
        Assert.Equal(["ann", "bob"], approval.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("by").GetString()));
        var history = await Factory.StoredHistoryAsync(id);
        Assert.Single(history, h => h.Name == "approve" && h.From == "WAITING" && h.To == "WAITING" && h.Cause == "approved by ann (1 of 2)");
        Assert.Equal(["ACCEPTED", "ACCEPTED"], await Factory.QueryAsync(db => db.Tokens
            .Where(t => t.ExecutionId == Guid.Parse(id)).OrderBy(t => t.Approver).Select(t => t.State).ToListAsync(Token)));
    }

    [Fact]
    public async Task Approvers_OneRejectionFailsTheTask()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "approve", "action": "approval", "input": {"prompt": "Ship?", "approvers": ["ann", "bob"], "quorum": 1}}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, name, "{}", Token)).GetProperty("id").GetString()!;
        var links = await LinksAsync(id);

        await HttpAssert.JsonAsync(await Client.PostAsync(links["bob"], Bodies.Json("""{"decision": "reject", "comment": "no"}"""), Token), HttpStatusCode.OK);
        var done = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);

        Assert.Equal(("REVERTED", "ApprovalRejected"), (done.GetProperty("state").GetString(), done.GetProperty("error").GetProperty("type").GetString()));
        await HttpAssert.ProblemAsync(await Client.PostAsync(links["ann"], Bodies.Json("""{"decision": "approve"}"""), Token), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Approvers_QuorumOutsideItsRange_Is422()
    {
        var body = $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "approve", "action": "approval", "input": {"prompt": "Ship?", "approvers": ["ann"], "quorum": 2}}
            ]}}
            """;

        var problem = await HttpAssert.ProblemAsync(await Client.PostAsync("/api/v1/workflows", Bodies.Json(body), Token), HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("flow.items[0].input.quorum", out _));
    }

    /// <summary>The pending list's link per approver for execution <paramref name="id"/>, as paths.</summary>
    private async Task<Dictionary<string, string>> LinksAsync(string id)
    {
        var pending = await HttpAssert.JsonAsync(await Client.GetAsync("/api/v1/approvals?state=pending", Token), HttpStatusCode.OK);
        var item = pending.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("execution_id").GetString() == id);
        return item.GetProperty("approve_urls").EnumerateObject().ToDictionary(p => p.Name, p => new Uri(p.Value.GetString()!).AbsolutePath);
    }

    [Fact]
    public async Task Commands_PauseResumeCancelAndIllegalOnes()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "job", "action": "delegate"}, {"task": "after", "action": "noop"}
            ]}}
            """, Token);
        var started = await StartAsync(Client, name, "{}", Token);
        var id = started.GetProperty("id").GetString()!;
        var token = TokenOf(started);

        var paused = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/executions/{id}/pause", null, Token), HttpStatusCode.OK);
        var conflict = await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/executions/{id}/pause", null, Token), HttpStatusCode.Conflict);
        await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/callbacks/{token}", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.OK);
        var stillPaused = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        var resumed = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/executions/{id}/resume", null, Token), HttpStatusCode.OK);
        var cancelAfterSuccess = await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/executions/{id}/cancel", null, Token), HttpStatusCode.Conflict);

        Assert.Equal("PAUSED", paused.GetProperty("state").GetString());
        Assert.Contains("PAUSED", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("PAUSED", stillPaused.GetProperty("state").GetString());
        Assert.Equal("SUCCESS", resumed.GetProperty("state").GetString());
        Assert.Contains("SUCCESS", cancelAfterSuccess.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/executions/{Guid.NewGuid()}/pause", null, Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancel_VoidsTheTokenAndRetryAfterRevertRunsAgain()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [{"task": "job", "action": "delegate"}]}}
            """, Token);
        var cancelled = await StartAsync(Client, name, "{}", Token);
        var cancelledId = cancelled.GetProperty("id").GetString()!;
        await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/executions/{cancelledId}/cancel", null, Token), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(
            await Client.PostAsync($"/api/v1/callbacks/{TokenOf(cancelled)}", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.Gone);

        var failing = await StartAsync(Client, name, "{}", Token);
        var failingId = failing.GetProperty("id").GetString()!;
        await Client.PostAsync($"/api/v1/callbacks/{TokenOf(failing)}", Bodies.Json("""{"status": "failure", "error": {"type": "Boom", "message": "no"}}"""), Token);
        var reverted = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{failingId}", Token), HttpStatusCode.OK);
        var retried = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/executions/{failingId}/retry", null, Token), HttpStatusCode.OK);

        Assert.Equal("REVERTED", reverted.GetProperty("state").GetString());
        Assert.Equal("RUNNING", retried.GetProperty("state").GetString());
        await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/callbacks/{TokenOf(retried)}", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.OK);
        var finished = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{failingId}", Token), HttpStatusCode.OK);
        Assert.Equal("SUCCESS", finished.GetProperty("state").GetString());
    }

    [Fact]
    public async Task RetryScope_FailedCallbackRerunsTheFlowAfterItsDelay()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"flow": {"name": "attempt", "type": "linear", "retry": {"count": 1, "delay": "PT5S"}, "items": [{"task": "job", "action": "delegate"}]}}
            ]}}
            """, Token);
        var started = await StartAsync(Client, name, "{}", Token);
        var id = started.GetProperty("id").GetString()!;

        await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/callbacks/{TokenOf(started)}", Bodies.Json("""{"status": "failure", "error": {"message": "flaky"}}"""), Token), HttpStatusCode.OK);
        var held = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Factory.Time.Advance(TimeSpan.FromSeconds(5));
        // Commits: the start, the failure (the scope reverted, its retry timer armed), the timer's rerun.
        Assert.Equal(["RUNNING", "RUNNING", "RUNNING"], await Factory.Commits.WaitForCommitsAsync(Guid.Parse(id), 3, Token));
        var again = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal("job", Assert.Single(again.GetProperty("waiting").EnumerateArray()).GetProperty("task").GetString());

        await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/callbacks/{TokenOf(again)}", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.OK);
        var done = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);

        Assert.Equal(("RUNNING", 0), (held.GetProperty("state").GetString(), held.GetProperty("waiting").GetArrayLength()));
        Assert.Equal("SUCCESS", done.GetProperty("state").GetString());
        var tasks = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK);
        Assert.Equal(2, tasks.GetProperty("items")[0].GetProperty("attempt").GetInt32());
    }

    private static string TokenOf(JsonElement execution)
    {
        var url = execution.GetProperty("waiting")[0].GetProperty("callback_url").GetString()!;
        return url[(url.LastIndexOf('/') + 1)..];
    }
}

public sealed class SqliteCallbackAndApprovalTests(SqliteExternalSystemFixture fixture) : CallbackAndApprovalTests(fixture), IClassFixture<SqliteExternalSystemFixture>;

public sealed class PostgresCallbackAndApprovalTests(PostgresExternalSystemFixture fixture) : CallbackAndApprovalTests(fixture), IClassFixture<PostgresExternalSystemFixture>;
