using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;

namespace WfaaS.Storage.Tests.Executions;

/// <summary>
/// SPEC §5.6: finished executions older than the retention go with the rows they own; running and
/// recent ones keep every row. A class (and so a database) of its own, so the purge's count is
/// exactly what this test made, and the fake clock it moves two days is nobody else's.
/// </summary>
public abstract class ExecutionPurgerTests(StorageFixture fixture)
{
    // call: an http action (an outbox row, done when its report is stepped); job: a delegate that
    // sends a request (an outbox row nobody dispatches here), waits on a token and a timeout timer.
    private const string Flow = """
        {"type": "linear", "items": [
          {"task": "call", "action": "http", "input": {"method": "GET", "url": "http://example.test/"}},
          {"task": "job", "action": "delegate", "input": {"url": "http://example.test/job"}, "timeout": "P5D"}
        ]}
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Purge_RemovesExactlyTheOldFinishedExecutionsAndTheirRows_KeepsUndispatchedOutbox()
    {
        var definition = await SaveDefinitionAsync();
        var finished = await StartAsync(definition);        // T0, finished at T0: SUCCESS
        await CompleteAsync(finished);
        var cancelled = await StartAsync(definition);       // T0, cancelled at T0: CANCELLED
        await StepCallAsync(cancelled);
        await CommandAsync(cancelled, ExecutionTrigger.Cancel);
        var running = await StartAsync(definition);         // T0, still waiting on job: RUNNING
        await StepCallAsync(running);
        fixture.Time.Advance(TimeSpan.FromDays(2));
        var recent = await StartAsync(definition);          // T0 + 2 days, finished then: SUCCESS
        await CompleteAsync(recent);

        // The engine leaves no timer behind a finished execution; a stray row shows the purge clears that table too.
        await using (var setup = fixture.CreateScope())
        {
            var db = setup.ServiceProvider.GetRequiredService<WfaasDbContext>();
            db.Timers.Add(new TimerEntity { ExecutionId = finished, Serial = 99, Task = "job", Kind = "TIMEOUT", DueAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync(Token);
        }

        var labels = new Dictionary<Guid, string> { [finished] = "finished", [cancelled] = "cancelled", [running] = "running", [recent] = "recent" };
        // Before: one history chunk per step (start: created, call started, kept in the execution's
        // row; the call's report: call done, job started, job waits; then the callback: job done,
        // execution done, or the cancel);
        // the callback took its token (its row is written then: a live token has none), the cancel
        // left its token gone and deleted the timeout timer.
        Assert.Equal(
            [
                "executions cancelled CANCELLED history 1-2", "executions finished SUCCESS history 1-2",
                "executions recent SUCCESS history 1-2", "executions running RUNNING history 1-2",
                "history cancelled 3-5", "history cancelled 6-6",
                "history finished 3-5", "history finished 6-7",
                "history recent 3-5", "history recent 6-7",
                "history running 3-5",
                "outbox cancelled SendDelegateRequest pending", "outbox cancelled SendHttpRequest done",
                "outbox finished SendDelegateRequest pending", "outbox finished SendHttpRequest done",
                "outbox recent SendDelegateRequest pending", "outbox recent SendHttpRequest done",
                "outbox running SendDelegateRequest pending", "outbox running SendHttpRequest done",
                "timers finished 99 TIMEOUT", "timers running 1 TIMEOUT",
                "tokens finished job#1 ACCEPTED", "tokens recent job#1 ACCEPTED",
            ],
            await RowsAsync(labels));

        int removed;
        await using (var scope = fixture.CreateScope())
        {
            removed = await scope.ServiceProvider.GetRequiredService<ExecutionPurger>().PurgeAsync(TimeSpan.FromDays(1), Token);
        }

        Assert.Equal(2, removed);
        // Gone: finished and cancelled with their history, timers, tokens and done outbox rows. Kept:
        // every row of running and recent, and the outbox rows nobody has carried out yet (their
        // effect, a parent's notice say, is still owed).
        Assert.Equal(
            [
                "executions recent SUCCESS history 1-2", "executions running RUNNING history 1-2",
                "history recent 3-5", "history recent 6-7",
                "history running 3-5",
                "outbox cancelled SendDelegateRequest pending",
                "outbox finished SendDelegateRequest pending",
                "outbox recent SendDelegateRequest pending", "outbox recent SendHttpRequest done",
                "outbox running SendDelegateRequest pending", "outbox running SendHttpRequest done",
                "timers running 1 TIMEOUT",
                "tokens recent job#1 ACCEPTED",
            ],
            await RowsAsync(labels));
    }

    /// <summary>Every row of the five tables an execution owns, named by its execution's label, sorted.</summary>
    private async Task<List<string>> RowsAsync(IReadOnlyDictionary<Guid, string> labels)
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
        var ids = labels.Keys.ToList();
        var executions = await db.Executions.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.State, e.CreatedAt, e.StartHistory }).ToListAsync(Token);
        var history = await db.History.AsNoTracking().Where(h => ids.Contains(h.ExecutionId)).Select(h => new { h.ExecutionId, h.FirstSeq, h.LastSeq }).ToListAsync(Token);
        var outbox = await db.Outbox.AsNoTracking().Where(o => ids.Contains(o.ExecutionId)).Select(o => new { o.ExecutionId, o.Kind, o.DispatchedAt }).ToListAsync(Token);
        var timers = await db.Timers.AsNoTracking().Where(t => ids.Contains(t.ExecutionId)).Select(t => new { t.ExecutionId, t.Serial, t.Kind }).ToListAsync(Token);
        var tokens = await db.Tokens.AsNoTracking().Where(t => ids.Contains(t.ExecutionId)).Select(t => new { t.ExecutionId, t.Task, t.Attempt, t.State }).ToListAsync(Token);
        return
        [
            .. executions.Select(e => $"executions {labels[e.Id]} {e.State} history 1-{HistoryChunks.OfStart(e.Id, e.CreatedAt, e.StartHistory)?.LastSeq}")
                .Concat(history.Select(h => $"history {labels[h.ExecutionId]} {h.FirstSeq}-{h.LastSeq}"))
                .Concat(outbox.Select(o => $"outbox {labels[o.ExecutionId]} {o.Kind} {(o.DispatchedAt is null ? "pending" : "done")}"))
                .Concat(timers.Select(t => $"timers {labels[t.ExecutionId]} {t.Serial} {t.Kind}"))
                .Concat(tokens.Select(t => $"tokens {labels[t.ExecutionId]} {t.Task}#{t.Attempt} {t.State}"))
                .Order(StringComparer.Ordinal),
        ];
    }

    private async Task<StoredDefinition> SaveDefinitionAsync()
    {
        var name = $"purge-{Guid.NewGuid():N}"[..24];
        var json = $$"""{"name": "{{name}}", "flow": {{Flow}}}""";
        await using var scope = fixture.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<DefinitionStore>()
            .SaveAsync(new NewDefinition(name, json, "application/json", json), Token);
        return saved.Definition;
    }

    private async Task<Guid> StartAsync(StoredDefinition definition)
    {
        await using var scope = fixture.CreateScope();
        var plan = await scope.ServiceProvider.GetRequiredService<DefinitionStore>().PlanAsync(definition.Id, Token);
        var outcome = await scope.ServiceProvider.GetRequiredService<ExecutionStore>()
            .StartAsync(new StartExecution(definition.Ref, plan, JsonDocument.Parse("{}").RootElement, null, null, "hash"), Token);
        return outcome.Execution!.Id;
    }

    /// <summary>The http call reports back, as its job would: its outbox row is done in the same step.</summary>
    private async Task StepCallAsync(Guid id)
    {
        await using var scope = fixture.CreateScope();
        var outboxId = await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Outbox
            .Where(o => o.ExecutionId == id && o.Kind == "SendHttpRequest").Select(o => o.Id).SingleAsync(Token);
        var stored = await scope.ServiceProvider.GetRequiredService<ExecutionStore>()
            .StepAsync(id, new ActionCompleted("call", 1, JsonDocument.Parse("""{"status": 200}""").RootElement), new StepSource.Outbox(outboxId), Token);
        Assert.Equal(TaskDetailStatus.Waiting, stored!.State.Tasks["job"].Status);
    }

    /// <summary>The delegate's callback arrives by its token, as through the API: the token is taken and the execution finishes.</summary>
    private async Task CompleteAsync(Guid id)
    {
        await StepCallAsync(id);
        await using var scope = fixture.CreateScope();
        var token = await scope.ServiceProvider.GetRequiredService<ExecutionReader>().CallbackTokenAsync(id, "job", 1, Token);
        Assert.NotNull(token);
        var outcome = await scope.ServiceProvider.GetRequiredService<ExecutionStore>().AcceptTokenAsync(
            token, WaitKind.Callback, "body", row => new CallbackReceived(row.Task, row.Attempt, true, JsonDocument.Parse("1").RootElement, null), Token);
        Assert.Equal(TokenOutcomeKind.Accepted, outcome.Kind);
        var stored = await scope.ServiceProvider.GetRequiredService<ExecutionReader>().FindAsync(id, Token);
        Assert.Equal(ExecutionStatus.Success, stored!.State.Status);
    }

    private async Task CommandAsync(Guid id, ExecutionTrigger trigger)
    {
        await using var scope = fixture.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ExecutionStore>().CommandAsync(id, new OperatorCommand(trigger), Token);
        Assert.Equal(ExecutionStatus.Cancelled, outcome.Execution!.State.Status);
    }
}

public sealed class SqliteExecutionPurgerTests(SqliteStorageFixture fixture) : ExecutionPurgerTests(fixture), IClassFixture<SqliteStorageFixture>;

public sealed class PostgresExecutionPurgerTests(PostgresStorageFixture fixture) : ExecutionPurgerTests(fixture), IClassFixture<PostgresStorageFixture>;
