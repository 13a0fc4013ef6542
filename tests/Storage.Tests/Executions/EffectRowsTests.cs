using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Executions;

namespace WfaaS.Storage.Tests.Executions;

/// <summary>
/// A step's timer and token rows are what its effects say (SPEC §1): a timer row lives while it is
/// pending and goes when it fires or is cancelled; a token needs no row while it is live (its nonce
/// is on its waiting task) and is gone when its task stops waiting.
/// </summary>
public abstract class EffectRowsTests(StorageFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Heartbeat_ReplacesOnlyTheHeartbeatTimer_AndTheCallbackSettlesEverything()
    {
        var id = await StartAsync("""{"type": "linear", "items": [{"task": "job", "action": "delegate", "timeout": "P1D", "heartbeat": "PT1H"}, {"task": "after", "action": "noop"}]}""");
        Assert.Equal([("TIMEOUT", 1L), ("HEARTBEAT", 2L)], await TimersAsync(id));

        await StepAsync(id, new HeartbeatReceived("job", 1));

        Assert.Equal([("TIMEOUT", 1L), ("HEARTBEAT", 3L)], await TimersAsync(id));
        var nonce = Assert.Single(await NoncesAsync(id, "job"));
        Assert.Empty(await TokenRowsAsync(id));

        await StepAsync(id, new CallbackReceived("job", 1, true, JsonDocument.Parse("1").RootElement, null));

        Assert.Empty(await TimersAsync(id));
        Assert.Empty(await NoncesAsync(id, "job"));
        Assert.Empty(await TokenRowsAsync(id));
        Assert.Equal(22, nonce.Length);   // 128 random bits, base64url
    }

    [Fact]
    public async Task ReplacedHeartbeatTimer_FiresThroughTheStore_ChangesNothing()
    {
        var id = await StartAsync("""{"type": "linear", "items": [{"task": "job", "action": "delegate", "timeout": "P1D", "heartbeat": "PT1H"}]}""");
        await StepAsync(id, new HeartbeatReceived("job", 1));
        var before = await RowAsync(id);

        await StepAsync(id, new TimerFired("job", 2), new StepSource.Timer(2));

        var after = await RowAsync(id);
        Assert.Equal((before.RowVersion, before.Data), (after.RowVersion, after.Data));
        Assert.Equal([("TIMEOUT", 1L), ("HEARTBEAT", 3L)], await TimersAsync(id));
    }

    [Fact]
    public async Task TimeoutFires_TheTimerRowGoes_AndTheRetryTimerIsTheOnlyOnePending()
    {
        var id = await StartAsync("""{"type": "linear", "items": [{"task": "job", "action": "delegate", "timeout": "PT1M", "retry": {"count": 1, "delay": "PT5S"}}]}""");

        await StepAsync(id, new TimerFired("job", 1), new StepSource.Timer(1));
        Assert.Equal([("RETRY", 2L)], await TimersAsync(id));
        Assert.Empty(await NoncesAsync(id, "job"));

        await StepAsync(id, new TimerFired("job", 2), new StepSource.Timer(2));

        Assert.Equal([("TIMEOUT", 3L)], await TimersAsync(id));
        Assert.Single(await NoncesAsync(id, "job"));
        Assert.Empty(await TokenRowsAsync(id));
    }

    [Fact]
    public async Task Cancel_VoidsTokensAndDeletesTimers()
    {
        var id = await StartAsync("""{"type": "unordered", "items": [{"task": "ask", "action": "approval", "input": {"prompt": "ok?"}, "timeout": "P2D"}, {"task": "nap", "action": "wait", "input": {"duration": "PT1H"}}]}""");
        Assert.Equal(2, (await TimersAsync(id)).Count);
        Assert.Single(await NoncesAsync(id, "ask"));

        await using (var scope = fixture.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExecutionStore>().CommandAsync(id, new OperatorCommand(ExecutionTrigger.Cancel), Token);
        }

        Assert.Empty(await TimersAsync(id));
        Assert.Empty(await NoncesAsync(id, "ask"));
        Assert.Empty(await TokenRowsAsync(id));
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

    private async Task StepAsync(Guid id, ExecutionEvent evt, StepSource? source = null)
    {
        await using var scope = fixture.CreateScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<ExecutionStore>().StepAsync(id, evt, source ?? StepSource.None, Token));
    }

    private async Task<Entities.ExecutionEntity> RowAsync(Guid id)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Executions.AsNoTracking().SingleAsync(e => e.Id == id, Token);
    }

    /// <summary>The pending timer rows, by serial.</summary>
    private async Task<List<(string Kind, long Serial)>> TimersAsync(Guid id)
    {
        await using var scope = fixture.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Timers.AsNoTracking()
            .Where(t => t.ExecutionId == id).ToListAsync(Token);
        return [.. rows.OrderBy(t => t.Serial).Select(t => (t.Kind, t.Serial))];
    }

    /// <summary>The nonces <paramref name="task"/>'s live tokens are signed from, as its stored state holds them.</summary>
    private async Task<List<string>> NoncesAsync(Guid id, string task)
    {
        await using var scope = fixture.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ExecutionReader>().FindAsync(id, Token);
        return [.. stored!.State.Tasks[task].Tokens.Select(t => t.Nonce)];
    }

    private async Task<List<string>> TokenRowsAsync(Guid id)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Tokens.AsNoTracking()
            .Where(t => t.ExecutionId == id).Select(t => t.State).ToListAsync(Token);
    }
}

public sealed class SqliteEffectRowsTests(SqliteStorageFixture fixture) : EffectRowsTests(fixture), IClassFixture<SqliteStorageFixture>;

public sealed class PostgresEffectRowsTests(PostgresStorageFixture fixture) : EffectRowsTests(fixture), IClassFixture<PostgresStorageFixture>;
