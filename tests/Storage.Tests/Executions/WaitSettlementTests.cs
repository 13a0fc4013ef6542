using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Executions;

namespace WfaaS.Storage.Tests.Executions;

/// <summary>What a step does to the timer and token rows of tasks that moved on (SPEC §5.2, §6).</summary>
public abstract class WaitSettlementTests(StorageFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Heartbeat_ReplacesOnlyTheHeartbeatTimer_AndTheCallbackSettlesEverything()
    {
        var id = await StartAsync("""{"type": "linear", "items": [{"task": "job", "action": "delegate", "timeout": "P1D", "heartbeat": "PT1H"}, {"task": "after", "action": "noop"}]}""");
        Assert.Equal([("HEARTBEAT", "PENDING"), ("TIMEOUT", "PENDING")], await TimersAsync(id));

        await StepAsync(id, new HeartbeatReceived("job", 1));

        Assert.Equal([("HEARTBEAT", "CANCELLED"), ("HEARTBEAT", "PENDING"), ("TIMEOUT", "PENDING")], await TimersAsync(id));
        Assert.Equal(["ACTIVE"], await TokenStatesAsync(id));

        await StepAsync(id, new CallbackReceived("job", 1, true, JsonDocument.Parse("1").RootElement, null));

        Assert.Equal([("HEARTBEAT", "CANCELLED"), ("HEARTBEAT", "CANCELLED"), ("TIMEOUT", "CANCELLED")], await TimersAsync(id));
        Assert.Equal(["VOIDED"], await TokenStatesAsync(id));
    }

    [Fact]
    public async Task RetryTimer_FiresAndTheNextAttemptsTimeoutIsTheOnlyOnePending()
    {
        var id = await StartAsync("""{"type": "linear", "items": [{"task": "job", "action": "delegate", "timeout": "PT1M", "retry": {"count": 1, "delay": "PT5S"}}]}""");

        await StepAsync(id, new TimerFired("job", 1, TimerKind.Timeout));
        Assert.Equal([("RETRY", "PENDING"), ("TIMEOUT", "FIRED")], await TimersAsync(id));
        Assert.Equal(["VOIDED"], await TokenStatesAsync(id));

        await StepAsync(id, new TimerFired("job", 2, TimerKind.Retry));

        Assert.Equal([("RETRY", "FIRED"), ("TIMEOUT", "FIRED"), ("TIMEOUT", "PENDING")], await TimersAsync(id));
        Assert.Equal(["ACTIVE", "VOIDED"], await TokenStatesAsync(id));
    }

    [Fact]
    public async Task Cancel_VoidsTokensAndCancelsTimers()
    {
        var id = await StartAsync("""{"type": "unordered", "items": [{"task": "ask", "action": "approval", "input": {"prompt": "ok?"}, "timeout": "P2D"}, {"task": "nap", "action": "wait", "input": {"duration": "PT1H"}}]}""");

        await using (var scope = fixture.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExecutionStore>().CommandAsync(id, ExecutionTrigger.Cancel, Token);
        }

        Assert.All(await TimersAsync(id), t => Assert.Equal("CANCELLED", t.State));
        Assert.Equal(2, (await TimersAsync(id)).Count);
        Assert.Equal(["VOIDED"], await TokenStatesAsync(id));
    }

    private async Task<Guid> StartAsync(string flow)
    {
        var name = $"settle-{Guid.NewGuid():N}"[..24];
        var json = $$"""{"name": "{{name}}", "flow": {{flow}}}""";
        await using var scope = fixture.CreateScope();
        var definitions = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        var saved = await definitions.SaveAsync(new NewDefinition(name, json, "application/json", json), Token);
        var plan = await definitions.PlanAsync(saved.Definition.Id, Token);
        var outcome = await scope.ServiceProvider.GetRequiredService<ExecutionStore>()
            .StartAsync(new StartExecution(saved.Definition.Ref, plan, JsonDocument.Parse("{}").RootElement, null, null, "hash"), Token);
        return outcome.Execution!.Id;
    }

    private async Task StepAsync(Guid id, ExecutionEvent evt)
    {
        await using var scope = fixture.CreateScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<ExecutionStore>().StepAsync(id, evt, Token));
    }

    private async Task<List<(string Kind, string State)>> TimersAsync(Guid id)
    {
        await using var scope = fixture.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Timers.AsNoTracking()
            .Where(t => t.ExecutionId == id).ToListAsync(Token);
        return [.. rows.Select(t => (t.Kind, t.State)).Order()];
    }

    private async Task<List<string>> TokenStatesAsync(Guid id)
    {
        await using var scope = fixture.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Tokens.AsNoTracking()
            .Where(t => t.ExecutionId == id).Select(t => t.State).ToListAsync(Token);
        return [.. rows.Order()];
    }
}

public sealed class SqliteWaitSettlementTests(SqliteStorageFixture fixture) : WaitSettlementTests(fixture), IClassFixture<SqliteStorageFixture>;

public sealed class PostgresWaitSettlementTests(PostgresStorageFixture fixture) : WaitSettlementTests(fixture), IClassFixture<PostgresStorageFixture>;
