using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WfaaS.Api.Tests.TestHost;
using WfaaS.Storage.Executions;
using WfaaS.TestKit;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests;

/// <summary>
/// SPEC §1: the database is the only record. A new instance on the same database (Hangfire in
/// memory, so nothing survives in Hangfire) finds pending timers and undispatched outbox rows.
/// </summary>
public sealed class RestartTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Restart_PendingTimer_FiresOnTheNewInstance()
    {
        string id;
        await using (var first = new WfaasApiFactory(_database))
        {
            var client = first.CreateClient();
            var name = await PostDefinitionAsync(client, $$$"""
                {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
                  {"task": "nap", "action": "wait", "input": {"duration": "PT1H"}}
                ]}}
                """, Token);
            id = (await StartAsync(client, name, "{}", Token)).GetProperty("id").GetString()!;
        }

        await using var second = new WfaasApiFactory(_database, clockStart: WfaasApiFactory.DefaultClockStart.AddHours(1));
        _ = second.Server;   // starting up, it re-schedules the due timer from the database

        await WaitForStateAsync(second, id, "SUCCESS", Token);
    }

    [Fact]
    public async Task Restart_OutboxRowNeverDispatched_IsCarriedOutByTheNewInstance()
    {
        await using var external = await FakeExternalSystem.StartAsync();
        string id;
        // The first instance commits the step but "dies" before handing the effect to Hangfire.
        await using (var first = new WfaasApiFactory(_database, FakeExternalSystem.AllowedHostSettings, services: s => s.Replace(ServiceDescriptor.Singleton<ICommitDispatcher, DropEverything>())))
        {
            var client = first.CreateClient();
            var name = await PostDefinitionAsync(client, $$$"""
                {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
                  {"task": "call", "action": "http", "input": {"method": "GET", "url": "{{{external.Url("/once")}}}"}}
                ]}}
                """, Token);
            id = (await StartAsync(client, name, "{}", Token)).GetProperty("id").GetString()!;
            Assert.Empty(external.Received);
        }

        await using var second = new WfaasApiFactory(_database, FakeExternalSystem.AllowedHostSettings);
        _ = second.Server;   // starting up, it sweeps the outbox row nobody dispatched

        await WaitForStateAsync(second, id, "SUCCESS", Token);
        Assert.Single(external.Received, r => r.Path == "/once");
    }

    private sealed class DropEverything : ICommitDispatcher
    {
        public void Dispatch(StepCommit commit)
        {
        }
    }
}
