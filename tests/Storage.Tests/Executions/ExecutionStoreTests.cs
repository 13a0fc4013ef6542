using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Executions;

namespace WfaaS.Storage.Tests.Executions;

/// <summary>One transaction per step; concurrent steps on one execution serialise on the row version (SPEC §1).</summary>
public abstract class ExecutionStoreTests(StorageFixture fixture)
{
    private const int Branches = 12;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_LocalFlow_StoresFinishedStateTasksAndHistory()
    {
        var definition = await SaveDefinitionAsync("""{"type": "linear", "items": [{"task": "a", "action": "noop"}, {"task": "b", "action": "echo", "input": {"value": 5}, "provides": "five"}]}""");

        var started = await StartAsync(definition);

        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
        var execution = await db.Executions.SingleAsync(e => e.Id == started, Token);
        Assert.Equal("SUCCESS", execution.State);
        var stored = (await scope.ServiceProvider.GetRequiredService<ExecutionReader>().FindAsync(started, Token))!.State;
        Assert.Equal("""{"five":5}""", stored.Output?.GetRawText());
        Assert.Equal(["a", "b"], stored.Tasks.Keys.Order());
        Assert.All(stored.Tasks.Values, t => Assert.Equal(TaskDetailStatus.Success, t.Status));
        var seqs = (await HistoryAsync(started)).Select(h => h.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(stored.LastSeq, seqs[^1]);
    }

    [Fact]
    public async Task Step_ConcurrentReportsOnOneExecution_AllAppliedOnceWithGaplessHistory()
    {
        var items = string.Join(", ", Enumerable.Range(0, Branches).Select(i =>
            $$$"""{"task": "t{{{i}}}", "action": "http", "input": {"method": "GET", "url": "http://example.test/{{{i}}}"}}"""));
        var definition = await SaveDefinitionAsync($$"""{"type": "unordered", "items": [{{items}}]}""");
        var id = await StartAsync(definition);
        var result = JsonDocument.Parse("""{"status": 200}""").RootElement;

        // Every report twice, all at once, each on its own connection: one of each pair must be a no-op.
        await Task.WhenAll(Enumerable.Range(0, Branches * 2).Select(n => n / 2).Select(i => Task.Run(async () =>
        {
            await using var scope = fixture.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<ExecutionStore>();
            await store.StepAsync(id, new ActionCompleted($"t{i}", 1, result), Token);
        }, Token)));

        await using var check = fixture.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<WfaasDbContext>();
        var execution = await db.Executions.SingleAsync(e => e.Id == id, Token);
        Assert.Equal("SUCCESS", execution.State);
        var history = await HistoryAsync(id);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(h => h.Seq));
        Assert.Equal(Branches, history.Count(h => h.Subject == "task" && h.To == "SUCCESS"));
        Assert.Single(history, h => h.Subject == "execution" && h.To == "SUCCESS");
        Assert.Equal(Branches, await db.Outbox.CountAsync(o => o.ExecutionId == id && o.Kind == "SendHttpRequest", Token));
    }

    [Fact]
    public async Task Start_ConcurrentWithOneIdempotencyKey_OneExecutionAndNothingLeftByTheLosers()
    {
        var definition = await SaveDefinitionAsync("""{"type": "linear", "items": [{"task": "a", "action": "noop"}]}""");
        var key = $"key-{Guid.NewGuid():N}";

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            await using var scope = fixture.CreateScope();
            var plan = await scope.ServiceProvider.GetRequiredService<DefinitionStore>().PlanAsync(definition.Id, Token);
            return await scope.ServiceProvider.GetRequiredService<ExecutionStore>()
                .StartAsync(new StartExecution(definition.Ref, plan, JsonDocument.Parse("{}").RootElement, null, key, "same"), Token);
        }, Token)));

        var id = Assert.Single(outcomes.Select(o => o.Execution!.Id).Distinct());
        Assert.Single(outcomes, o => o.Kind == StartOutcomeKind.Created);
        await using var check = fixture.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<WfaasDbContext>();
        Assert.Equal(1, await db.Executions.CountAsync(e => e.IdempotencyKey == key, Token));
        var orphans = await db.History.Where(h => h.ExecutionId != id && !db.Executions.Any(e => e.Id == h.ExecutionId)).CountAsync(Token);
        Assert.Equal(0, orphans);
    }

    [Fact]
    public async Task Start_WaitingExecution_KeepsItsStartHistoryInItsRow_AndLaterStepsAddChunks()
    {
        var definition = await SaveDefinitionAsync("""{"type": "linear", "items": [{"task": "job", "action": "delegate"}, {"task": "after", "action": "noop"}]}""");
        var id = await StartAsync(definition);

        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
            Assert.Equal(0, await db.History.CountAsync(h => h.ExecutionId == id, Token));
            var row = await db.Executions.AsNoTracking().SingleAsync(e => e.Id == id, Token);
            Assert.Equal("""[["e","",null,1,null,"start"],["t","job",0,1,1,"ready"],["t","job",1,2,1,"waiting for callback"]]""", row.StartHistory);
            Assert.Null(row.RequestHash);
        }

        Assert.Equal(
            [$"1 execution {definition.Name} - RUNNING start", "2 task job PENDING RUNNING ready", "3 task job RUNNING WAITING waiting for callback"],
            (await HistoryAsync(id)).Select(Describe));

        await using (var scope = fixture.CreateScope())
        {
            var result = JsonDocument.Parse("{}").RootElement;
            await scope.ServiceProvider.GetRequiredService<ExecutionStore>().StepAsync(id, new CallbackReceived("job", 1, true, result, null), Token);
        }

        var history = await HistoryAsync(id);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(h => h.Seq));
        Assert.StartsWith($"{history.Count} execution {definition.Name} RUNNING SUCCESS ", Describe(history[^1]), StringComparison.Ordinal);
        await using var check = fixture.CreateScope();
        var chunks = await check.ServiceProvider.GetRequiredService<WfaasDbContext>().History.AsNoTracking()
            .Where(h => h.ExecutionId == id).Select(h => new { h.FirstSeq, h.LastSeq }).ToListAsync(Token);
        Assert.Equal((4L, (long)history.Count), Assert.Single(chunks) is var c ? (c.FirstSeq, c.LastSeq) : default);
    }

    [Fact]
    public async Task History_ChunkThatSpellsNamesAndStatesOut_ReadsAsACompactOne()
    {
        var definition = await SaveDefinitionAsync("""{"type": "linear", "items": [{"task": "job", "action": "delegate"}]}""");
        var id = await StartAsync(definition);
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
            db.History.Add(new Entities.HistoryChunkEntity
            {
                ExecutionId = id,
                FirstSeq = 4,
                LastSeq = 5,
                At = DateTime.UtcNow,
                EntriesJson = $$"""[["task","job","WAITING","SUCCESS",1,"callback: success"],["execution","{{definition.Name}}","RUNNING","SUCCESS",null,"finished"]]""",
            });
            await db.SaveChangesAsync(Token);
        }

        Assert.Equal(
            ["4 task job WAITING SUCCESS callback: success", $"5 execution {definition.Name} RUNNING SUCCESS finished"],
            (await HistoryAsync(id)).Skip(3).Select(Describe));
    }

    private static string Describe(HistoryEntry entry) => $"{entry.Seq} {entry.Subject} {entry.Name} {entry.From ?? "-"} {entry.To} {entry.Cause}";

    [Fact]
    public async Task Step_UnknownExecution_ReturnsNull()
    {
        await using var scope = fixture.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ExecutionStore>();

        Assert.Null(await store.StepAsync(Guid.NewGuid(), new TimerFired("x", 1), Token));
    }

    private async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Guid id)
    {
        await using var scope = fixture.CreateScope();
        var page = await scope.ServiceProvider.GetRequiredService<ExecutionReader>().HistoryAsync(id, 0, 10_000, Token);
        return page!.Items;
    }

    private async Task<StoredDefinition> SaveDefinitionAsync(string flow)
    {
        var name = $"exec-{Guid.NewGuid():N}"[..24];
        var json = $$"""{"name": "{{name}}", "flow": {{flow}}}""";
        await using var scope = fixture.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<DefinitionStore>()
            .SaveAsync(new NewDefinition(name, json, "application/json", json), Token);
        return saved.Definition;
    }

    private async Task<Guid> StartAsync(StoredDefinition definition)
    {
        await using var scope = fixture.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ExecutionStore>();
        var plan = await scope.ServiceProvider.GetRequiredService<DefinitionStore>().PlanAsync(definition.Id, Token);
        var outcome = await store.StartAsync(new StartExecution(definition.Ref, plan, JsonDocument.Parse("{}").RootElement, null, null, "hash"), Token);
        return outcome.Execution!.Id;
    }
}

public sealed class SqliteExecutionStoreTests(SqliteStorageFixture fixture) : ExecutionStoreTests(fixture), IClassFixture<SqliteStorageFixture>;

public sealed class PostgresExecutionStoreTests(PostgresStorageFixture fixture) : ExecutionStoreTests(fixture), IClassFixture<PostgresStorageFixture>;
