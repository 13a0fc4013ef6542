using WfaaS.Engine.Execution;
using System.Net;
using Microsoft.EntityFrameworkCore;
using WfaaS.Api.Tests.TestHost;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>The <c>workflow</c> action (SPEC §3.4): a child execution whose output is the task's result.</summary>
public abstract class ChildWorkflowTests(ApiFixture fixture)
{
    private WfaasApiFactory Factory => fixture.Factory;

    private HttpClient Client => Factory.CreateClient();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Child_Succeeds_ItsOutputIsTheParentTaskResult()
    {
        var child = await PostDefinitionAsync(Client, Bodies.Definition(Bodies.UniqueName("child")), Token);
        var parent = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName("parent")}}}", "output": ["greeting"], "flow": {"type": "linear", "items": [
              {"task": "sub", "action": "workflow", "input": {"workflow": "{{{child}}}", "input": {"who": "kid"}}, "provides": {"greeting": "greeting"}}
            ]}}
            """, Token);
        var started = await StartAsync(Client, parent, "{}", Token);
        var id = started.GetProperty("id").GetString()!;

        var done = await WaitForStateAsync(Factory, id, "SUCCESS", Token);

        Assert.Equal("hi kid", done.GetProperty("output").GetProperty("greeting").GetString());
        var children = await Factory.QueryAsync(db => db.Executions.Where(e => e.IdempotencyKey == new ParentLink(Guid.Parse(id), "sub", 1).IdempotencyKey).ToListAsync(Token));
        Assert.Equal(("SUCCESS", child), (Assert.Single(children).State, children[0].WorkflowName));
    }

    [Fact]
    public async Task Child_Fails_TheParentTaskFailsAndReverts()
    {
        var child = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName("child")}}}", "flow": {"type": "linear", "items": [
              {"task": "boom", "action": "fail", "input": {"message": "child broke", "type": "ChildBroke"}}
            ]}}
            """, Token);
        var parent = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName("parent")}}}", "flow": {"type": "linear", "items": [
              {"task": "sub", "action": "workflow", "input": {"workflow": "{{{child}}}"}}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, parent, "{}", Token)).GetProperty("id").GetString()!;

        var reverted = await WaitForStateAsync(Factory, id, "REVERTED", Token);

        Assert.Equal("ChildBroke", reverted.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Parent_Cancelled_CancelsTheWaitingChild()
    {
        var child = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName("child")}}}", "flow": {"type": "linear", "items": [{"task": "job", "action": "delegate"}]}}
            """, Token);
        var parent = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName("parent")}}}", "flow": {"type": "linear", "items": [
              {"task": "sub", "action": "workflow", "input": {"workflow": "{{{child}}}"}}
            ]}}
            """, Token);
        var mark = Factory.Commits.Mark();
        var started = await StartAsync(Client, parent, "{}", Token);
        var id = Guid.Parse(started.GetProperty("id").GetString()!);
        Assert.Equal("child", started.GetProperty("waiting")[0].GetProperty("kind").GetString());
        // The child is started after the parent's commit, from its outbox row.
        var childId = await Factory.Commits.WaitForNewExecutionAsync(mark, except: id, Token);
        Assert.Equal(new ParentLink(id, "sub", 1).IdempotencyKey, await Factory.QueryAsync(db => db.Executions.Where(e => e.Id == childId).Select(e => e.IdempotencyKey).SingleAsync(Token)));

        await HttpAssert.JsonAsync(await Client.PostAsync($"/api/v1/executions/{id}/cancel", null, Token), HttpStatusCode.OK);

        await WaitForStateAsync(Factory, childId.ToString(), "CANCELLED", Token);
    }
}

public sealed class SqliteChildWorkflowTests(SqliteApiFixture fixture) : ChildWorkflowTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresChildWorkflowTests(PostgresApiFixture fixture) : ChildWorkflowTests(fixture), IClassFixture<PostgresApiFixture>;
