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
                with { ExpectedRows = 1 },
            sql.InsertReturningKey(Timer(execution), _ => { }),
        ];

        var written = await scope.ServiceProvider.GetRequiredService<IStepWriter>().WriteStatementsAsync(statements, Token);

        Assert.False(written);
        Assert.False(await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Timers.AnyAsync(t => t.ExecutionId == execution, Token));
    }

    [Fact]
    public async Task WriteStatements_AllHold_WritesAllAndHandsBackKeys()
    {
        var execution = Guid.NewGuid();
        await using var scope = fixture.CreateScope();
        var sql = scope.ServiceProvider.GetRequiredService<RowSql>();
        var keys = new List<long>();
        Statement[] statements = [sql.InsertReturningKey(Timer(execution), keys.Add), sql.InsertReturningKey(Timer(execution), keys.Add)];

        var written = await scope.ServiceProvider.GetRequiredService<IStepWriter>().WriteStatementsAsync(statements, Token);

        Assert.True(written);
        var stored = await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Timers.Where(t => t.ExecutionId == execution).Select(t => t.Id).OrderBy(id => id).ToListAsync(Token);
        Assert.Equal(stored, keys.Order());
        Assert.Equal(2, stored.Distinct().Count());
    }

    private static TimerEntity Timer(Guid execution) => new()
    {
        ExecutionId = execution,
        Task = "t",
        Attempt = 1,
        Kind = "WAIT",
        DueAt = new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc),
        State = TimerStates.Pending,
        CreatedAt = new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc),
    };
}

public sealed class SqliteStepWriterTests(SqliteStorageFixture fixture) : StepWriterTests(fixture), IClassFixture<SqliteStorageFixture>;

public sealed class PostgresStepWriterTests(PostgresStorageFixture fixture) : StepWriterTests(fixture), IClassFixture<PostgresStorageFixture>;
