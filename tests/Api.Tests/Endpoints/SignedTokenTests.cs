using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Api.Tests.TestHost;
using WfaaS.Storage;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>
/// Tokens that need no row until used (docs/decisions.md, "Bytes per waiting execution"): a signed
/// claim whose nonce the waiting task keeps, on every provider. A forged one is unknown and changes
/// nothing; one whose task moved on is gone; an accepted one gets its row, so a duplicate and a
/// conflict answer as before; a token handed out before (a row in <c>tokens</c>) still works.
/// </summary>
public abstract class SignedTokenTests(ApiFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Factory.CreateClient();

    [Fact]
    public async Task WaitingExecution_HasNoTokenRow_AcceptanceWritesOne_DuplicateAndConflictAnswerFromIt()
    {
        var (id, token) = await StartDelegateAsync();

        Assert.Empty(await TokenRowsAsync(id));
        var data = await fixture.Factory.QueryAsync(db => db.Executions.Where(e => e.Id == id).Select(e => e.Data).SingleAsync(Token));
        Assert.DoesNotContain(token, data, StringComparison.Ordinal);   // only the nonce is kept, never the token
        Assert.Contains("\"token\":\"", data, StringComparison.Ordinal);

        var body = """{"status": "success", "result": 7}""";
        var first = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/callbacks/{token}", Bodies.Json(body), Token), HttpStatusCode.OK);
        var again = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/callbacks/{token}", Bodies.Json(body), Token), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{token}", Bodies.Json("""{"status": "success", "result": 8}"""), Token), HttpStatusCode.Conflict);
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{token}/heartbeat", null, Token), HttpStatusCode.Gone);

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        var row = Assert.Single(await TokenRowsAsync(id));
        Assert.Equal(("job", 1, "CALLBACK", TokenStates.Accepted), (row.Task, row.Attempt, row.Kind, row.State));
        Assert.Equal(CallbackTokens.Hash(token), row.Hash);
    }

    [Fact]
    public async Task ForgedToken_ValidShapeWrongMac_Is404AndChangesNothing()
    {
        var (id, token) = await StartDelegateAsync();
        var bytes = Base64Url.DecodeFromChars(token);
        bytes[^1] ^= 0x01;   // the MAC's last byte
        var forged = Base64Url.EncodeToString(bytes);
        bytes = Base64Url.DecodeFromChars(token);
        bytes[20] ^= 0x01;   // a nonce byte: the MAC no longer holds either
        var otherNonce = Base64Url.EncodeToString(bytes);
        var before = await StoredState.ReadAsync(fixture.Factory, Token);

        foreach (var candidate in new[] { forged, otherNonce })
        {
            await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{candidate}", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.NotFound);
            await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{candidate}/heartbeat", null, Token), HttpStatusCode.NotFound);
        }

        // A callback token is not an approval link: its MAC is for its kind.
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/approvals/{token}", Bodies.Json("""{"decision": "approve"}"""), Token), HttpStatusCode.NotFound);

        Assert.Equal(before, await StoredState.ReadAsync(fixture.Factory, Token));
        Assert.Equal("RUNNING", (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK)).GetProperty("state").GetString());
    }

    [Fact]
    public void Read_ForgedOrOtherKind_IsUnknownWithoutAnyRead()
    {
        // CallbackTokens reads no database: what it calls unknown is answered 404 before any query.
        var tokens = fixture.Factory.Services.GetRequiredService<CallbackTokens>();
        var id = Guid.CreateVersion7();
        var token = tokens.Mint(id, Engine.Execution.WaitKind.Callback, "job", 3, CallbackTokens.NewNonce());
        var bytes = Base64Url.DecodeFromChars(token);
        bytes[0] ^= 0x80;

        Assert.Equal(TokenForm.Claim, tokens.Read(token, Engine.Execution.WaitKind.Callback, out var claim));
        Assert.Equal((id, 3, CallbackTokens.TagOf("job")), (claim!.ExecutionId, claim.Attempt, claim.TaskTag));
        Assert.Equal(TokenForm.Unknown, tokens.Read(Base64Url.EncodeToString(bytes), Engine.Execution.WaitKind.Callback, out _));
        Assert.Equal(TokenForm.Unknown, tokens.Read(token, Engine.Execution.WaitKind.Approval, out _));
        Assert.Equal(TokenForm.Unknown, tokens.Read(token + "A", Engine.Execution.WaitKind.Callback, out _));
        Assert.Equal(TokenForm.Unknown, tokens.Read("not a token!", Engine.Execution.WaitKind.Callback, out _));
        Assert.Equal(TokenForm.Legacy, tokens.Read(tokens.TokenFor(CallbackTokens.NewNonce()), Engine.Execution.WaitKind.Callback, out _));
    }

    [Fact]
    public async Task TaskMovedOn_OldAttemptsTokenIsGone_TheNewOneWorks()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [{"task": "job", "action": "delegate"}]}}
            """, Token);
        var started = await StartAsync(Client, name, "{}", Token);
        var id = started.GetProperty("id").GetString()!;
        var first = TokenOf(started);
        await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/callbacks/{first}", Bodies.Json("""{"status": "failure", "error": {"message": "no"}}"""), Token), HttpStatusCode.OK);
        var retried = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/executions/{id}/retry", null, Token), HttpStatusCode.OK);
        var second = TokenOf(retried);

        Assert.NotEqual(first, second);
        // The first attempt's token was accepted (its row answers a repeat as a duplicate); a new
        // body on it is a conflict, and the second attempt's token is live.
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{first}", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/api/v1/callbacks/{second}/heartbeat", null, Token)).StatusCode);
        await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/executions/{id}/cancel", null, Token), HttpStatusCode.OK);

        // Cancelled while waiting, never accepted: no row, and the token is gone.
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{second}", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.Gone);
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{second}/heartbeat", null, Token), HttpStatusCode.Gone);
        Assert.Equal([1], (await TokenRowsAsync(Guid.Parse(id))).Select(t => t.Attempt));
    }

    [Fact]
    public async Task TokenFromBeforeSignedTokens_ItsRowStillShowsAndAccepts()
    {
        var (id, signed) = await StartDelegateAsync();
        var legacy = await MakeLegacyAsync(id, "job", 1);

        var shown = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal(legacy, TokenOf(shown));
        Assert.Equal(43, legacy.Length);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/api/v1/callbacks/{legacy}/heartbeat", null, Token)).StatusCode);
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{signed}", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.Gone);

        var body = """{"status": "success", "result": 1}""";
        var first = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/callbacks/{legacy}", Bodies.Json(body), Token), HttpStatusCode.OK);
        var again = await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/callbacks/{legacy}", Bodies.Json(body), Token), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/callbacks/{legacy}", Bodies.Json("""{"status": "success", "result": 2}"""), Token), HttpStatusCode.Conflict);

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal([TokenStates.Accepted], (await TokenRowsAsync(id)).Select(t => t.State));
        Assert.Equal("SUCCESS", (await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task ApprovalFromBeforeSignedTokens_ListedAndDecidedByItsRow_VoidedWhenCancelled()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "ok", "action": "approval", "input": {"prompt": "Old?"}}, {"task": "ok2", "action": "approval", "input": {"prompt": "Old too?"}}
            ]}}
            """, Token);
        var id = Guid.Parse((await StartAsync(Client, name, "{}", Token)).GetProperty("id").GetString()!);
        var legacy = await MakeLegacyAsync(id, "ok", 1, prompt: "Old?");

        var listed = (await HttpAssert.JsonAsync(await Client.GetAsync("/api/v1/approvals?state=pending", Token), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("execution_id").GetGuid() == id);
        Assert.Equal(("ok", "Old?"), (listed.GetProperty("task").GetString(), listed.GetProperty("prompt").GetString()));
        Assert.EndsWith("/api/v1/approvals/" + legacy, listed.GetProperty("approve_url").GetString(), StringComparison.Ordinal);

        await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/approvals/{legacy}", Bodies.Json("""{"decision": "approve", "by": "ann"}"""), Token), HttpStatusCode.OK);
        var next = (await HttpAssert.JsonAsync(await Client.GetAsync("/api/v1/approvals?state=pending", Token), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("execution_id").GetGuid() == id);
        Assert.Equal(("ok2", "Old too?"), (next.GetProperty("task").GetString(), next.GetProperty("prompt").GetString()));
        Assert.Equal(75, next.GetProperty("approve_url").GetString()!.Split('/')[^1].Length);   // minted after the change: signed
        Assert.Equal([TokenStates.Accepted], (await TokenRowsAsync(id)).Select(t => t.State));
    }

    /// <summary>
    /// Turns <paramref name="task"/>'s wait into one from before signed tokens: its nonce leaves the
    /// stored state and a row in <c>tokens</c> holds one instead, as the old code minted it.
    /// </summary>
    private async Task<string> MakeLegacyAsync(Guid id, string task, int attempt, string? prompt = null)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
        var tokens = scope.ServiceProvider.GetRequiredService<CallbackTokens>();
        var execution = await db.Executions.SingleAsync(e => e.Id == id, Token);
        var data = JsonNode.Parse(execution.Data)!;
        var detail = data["tasks"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == task)!.AsObject();
        var kind = detail["wait"]!.GetValue<string>();
        detail.Remove("token");
        execution.Data = data.ToJsonString();
        var nonce = CallbackTokens.NewNonce();
        var token = tokens.TokenFor(nonce);
        db.Tokens.Add(new TokenEntity
        {
            Hash = CallbackTokens.Hash(token), Nonce = nonce, ExecutionId = id, Task = task, Attempt = attempt, Kind = kind, State = TokenStates.Active,
            Prompt = prompt, CreatedAt = execution.CreatedAt,
        });
        await db.SaveChangesAsync(Token);
        return token;
    }

    private async Task<(Guid Id, string Token)> StartDelegateAsync()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [{"task": "job", "action": "delegate", "heartbeat": "PT1H"}, {"task": "after", "action": "noop"}]}}
            """, Token);
        var started = await StartAsync(Client, name, "{}", Token);
        return (Guid.Parse(started.GetProperty("id").GetString()!), TokenOf(started));
    }

    private Task<List<TokenEntity>> TokenRowsAsync(Guid id) =>
        fixture.Factory.QueryAsync(db => db.Tokens.AsNoTracking().Where(t => t.ExecutionId == id).ToListAsync(Token));

    private static string TokenOf(JsonElement execution)
    {
        var url = execution.GetProperty("waiting")[0].GetProperty("callback_url").GetString()!;
        return url[(url.LastIndexOf('/') + 1)..];
    }
}

public sealed class SqliteSignedTokenTests(SqliteApiFixture fixture) : SignedTokenTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresSignedTokenTests(PostgresApiFixture fixture) : SignedTokenTests(fixture), IClassFixture<PostgresApiFixture>;
