using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.TestKit;

namespace WfaaS.Storage.Tests;

/// <summary>
/// The SqliteBytesAndMicroseconds migration turns the text EF used to store uuids and times in on
/// SQLite into 16 bytes and microseconds, and back: rows written before it read the same after it,
/// by EF and by the step path's own reads, to the microsecond.
/// </summary>
public sealed class SqliteValuesMigrationTests
{
    private const string Migration = "_SqliteBytesAndMicroseconds";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RowsStoredAsTextBeforeTheMigration_ReadTheSameAfterIt_AndAfterItsDown()
    {
        await using var database = new SqliteTestDatabase();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        await using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddWfaasStorage(configuration).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith(Migration, StringComparison.Ordinal)) - 1];
        await db.Database.MigrateAsync(before, Token);

        var id = Guid.Parse("01a23a66-1b2e-7e0b-bd89-26287f7d6bd4");
        var created = new DateTime(2026, 12, 3, 5, 41, 31, DateTimeKind.Utc).AddTicks(4156129);
        var due = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);
        // As EF wrote them: uuids in upper case, times as 'yyyy-MM-dd HH:mm:ss.FFFFFFF'.
        var text = id.ToString().ToUpperInvariant();
        await db.Database.ExecuteSqlAsync(
            $$"""
            INSERT INTO executions (id, workflow_name, workflow_version, definition_id, state, row_version, input, data, created_at, updated_at)
            VALUES ({{text}}, 'wf', 1, 1, 'RUNNING', 0, '{}', '{}', '2026-12-03 05:41:31.4156129', '2026-12-03 05:41:31.4156129')
            """,
            Token);
        await db.Database.ExecuteSqlAsync($"INSERT INTO timers (execution_id, serial, task, kind, due_at) VALUES ({text}, 1, 'nap', 'WAIT', '2026-12-04 00:00:00')", Token);

        await db.Database.MigrateAsync(Token);

        var execution = await scope.ServiceProvider.GetRequiredService<HotReads>().ExecutionAsync(db, id, Token);
        Assert.NotNull(execution);
        Assert.Equal((id, created.AddTicks(-9)), (execution.Id, execution.CreatedAt));
        var timer = await db.Timers.AsNoTracking().SingleAsync(t => t.ExecutionId == id && t.DueAt <= due, Token);
        Assert.Equal(due, timer.DueAt);
        Assert.Equal(
            ("blob", 16L, "integer", "integer"),
            await Scalar<(string, long, string, string)>(db, "SELECT typeof(e.id), length(e.id), typeof(e.created_at), typeof(t.due_at) FROM executions e, timers t"));

        await db.Database.MigrateAsync(before, Token);
        Assert.Equal(
            (id.ToString().ToUpperInvariant(), "2026-12-03 05:41:31.415612", "2026-12-04 00:00:00"),
            await Scalar<(string, string, string)>(db, "SELECT e.id, e.created_at, t.due_at FROM executions e, timers t"));
    }

    private static async Task<T> Scalar<T>(WfaasDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        return (T)Activator.CreateInstance(typeof(T), values)!;
    }
}
