using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage.Tests.Sql;

/// <summary>A step's statements are all written or none: a lost row-version check undoes the rest (SPEC §1).</summary>
public abstract class StepWriterTests(StorageFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteStatements_RowCountCheckFails_WritesNothing()
    {
        var execution = Guid.NewGuid();
        await using var scope = fixture.CreateScope();
        var sql = scope.ServiceProvider.GetRequiredService<RowSql>();
        Statement[] statements =
        [
            sql.Update<ExecutionEntity>([(nameof(ExecutionEntity.State), "SUCCESS")], [(nameof(ExecutionEntity.Id), execution), (nameof(ExecutionEntity.RowVersion), 0)])
                with { IsCheck = true },
            sql.InsertReturningKey(Outbox(execution), _ => { }),
        ];

        var written = await scope.ServiceProvider.GetRequiredService<IStepWriter>().WriteAsync(statements, Token);

        Assert.False(written);
        Assert.False(await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Outbox.AnyAsync(o => o.ExecutionId == execution, Token));
    }

    [Fact]
    public async Task WriteStatements_AllHold_WritesAllAndHandsBackKeys()
    {
        var execution = Guid.NewGuid();
        await using var scope = fixture.CreateScope();
        var sql = scope.ServiceProvider.GetRequiredService<RowSql>();
        var keys = new List<long>();
        Statement[] statements = [sql.InsertReturningKey(Outbox(execution), keys.Add), sql.InsertReturningKey(Outbox(execution), keys.Add)];

        var written = await scope.ServiceProvider.GetRequiredService<IStepWriter>().WriteAsync(statements, Token);

        Assert.True(written);
        var stored = await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Outbox.Where(o => o.ExecutionId == execution).Select(o => o.Id).OrderBy(id => id).ToListAsync(Token);
        Assert.Equal(stored, keys.Order());
        Assert.Equal(2, stored.Distinct().Count());
    }

    [Fact]
    public async Task WriteStatements_OneOfManyCommittedTogetherLosesItsRace_OnlyItIsUndone()
    {
        // Many steps written at once share commits (SQLite savepoints, PostgreSQL one batch). Each
        // step's check inserts a keyed row; every seventh finds its key taken, as a step that lost
        // its race would. The losers write nothing, every other step all of it, keys handed back.
        const int Steps = 40;
        var executions = Enumerable.Range(0, Steps).Select(_ => Guid.NewGuid()).ToArray();
        await using (var setup = fixture.CreateScope())
        {
            var sql = setup.ServiceProvider.GetRequiredService<RowSql>();
            foreach (var execution in executions.Where((_, i) => i % 7 == 3))
            {
                Assert.True(await setup.ServiceProvider.GetRequiredService<IStepWriter>().WriteAsync([sql.Insert(Timer(execution))], Token));
            }
        }

        var keys = executions.ToDictionary(e => e, _ => new List<long>());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = executions.Select(execution => Task.Run(async () =>
        {
            await using var scope = fixture.CreateScope();
            var sql = scope.ServiceProvider.GetRequiredService<RowSql>();
            Statement[] statements =
            [
                sql.Insert(Timer(execution)) with { IsCheck = true },
                sql.InsertReturningKey(Outbox(execution), keys[execution].Add),
                sql.InsertReturningKey(Outbox(execution), keys[execution].Add),
            ];
            await gate.Task;
            return await scope.ServiceProvider.GetRequiredService<IStepWriter>().WriteAsync(statements, Token);
        }, Token)).ToArray();
        gate.SetResult();

        var written = await Task.WhenAll(writes);

        Assert.Equal(Enumerable.Range(0, Steps).Select(i => i % 7 != 3), written);
        await using var check = fixture.CreateScope();
        var rows = await check.ServiceProvider.GetRequiredService<WfaasDbContext>().Outbox.Where(o => executions.Contains(o.ExecutionId))
            .Select(o => new { o.ExecutionId, o.Id }).ToListAsync(Token);
        Assert.Equal(
            executions.Where((_, i) => i % 7 != 3).SelectMany(e => keys[e].Select(k => (e, k))).OrderBy(r => r.k),
            rows.Select(r => (r.ExecutionId, r.Id)).OrderBy(r => r.Id));
        Assert.Equal(2 * (Steps - 6), rows.Count);
    }

    [Fact]
    public async Task WriteStatements_StepOfManyStatements_WritesAllWithKeys_OrNothingWhenItsCheckFails()
    {
        // A large fan-out's start: PostgreSQL writes a step this large as plain statements after its check.
        const int Rows = 300;
        var execution = Guid.NewGuid();
        await using var scope = fixture.CreateScope();
        var sql = scope.ServiceProvider.GetRequiredService<RowSql>();
        var writer = scope.ServiceProvider.GetRequiredService<IStepWriter>();
        var keys = new List<long>();
        Statement[] Step() =>
        [
            sql.Insert(Timer(execution)) with { IsCheck = true },
            .. Enumerable.Range(0, Rows).Select(_ => sql.InsertReturningKey(Outbox(execution), keys.Add)),
        ];

        var first = await writer.WriteAsync(Step(), Token);
        var firstKeys = keys.ToList();
        keys.Clear();
        var again = await writer.WriteAsync(Step(), Token);

        Assert.Equal((true, false), (first, again));
        var stored = await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Outbox.Where(o => o.ExecutionId == execution).Select(o => o.Id).ToListAsync(Token);
        Assert.Equal(stored.Order(), firstKeys.Order());
        Assert.Equal(Rows, stored.Distinct().Count());
        Assert.Empty(keys);
    }

    private static TimerEntity Timer(Guid execution) => new()
    {
        ExecutionId = execution,
        Serial = 1,
        Kind = "WAIT",
        DueAt = new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc),
    };

    private static OutboxEntity Outbox(Guid execution) => new()
    {
        ExecutionId = execution,
        Kind = "Test",
        PayloadJson = "{}",
        CreatedAt = new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc),
    };
}

public sealed class SqliteStepWriterTests(SqliteStorageFixture fixture) : StepWriterTests(fixture), IClassFixture<SqliteStorageFixture>;

public sealed class PostgresStepWriterTests(PostgresStorageFixture fixture) : StepWriterTests(fixture), IClassFixture<PostgresStorageFixture>;
