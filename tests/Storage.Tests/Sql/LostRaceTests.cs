using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage.Tests.Sql;

/// <summary>
/// A step that loses a race runs again on a fresh read; a deadlock's victim has lost one too (the
/// server rolled its transaction back), so it must not fail the event. Shown on a real deadlock.
/// </summary>
public sealed class PostgresLostRaceTests(PostgresStorageFixture fixture) : IClassFixture<PostgresStorageFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeadlockVictim_IsALostRace_ASyntaxErrorIsNot()
    {
        await using var scope = fixture.CreateScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<WfaasDbContext>().Database.GetConnectionString()!;
        await using var a = await OpenAsync(connectionString);
        await using var b = await OpenAsync(connectionString);
        await ExecuteAsync(a, null, "CREATE TABLE lost_race(id int PRIMARY KEY, v int NOT NULL); INSERT INTO lost_race VALUES (1, 0), (2, 0);");

        await using var ta = await a.BeginTransactionAsync(Token);
        await using var tb = await b.BeginTransactionAsync(Token);
        await ExecuteAsync(a, ta, "UPDATE lost_race SET v = 1 WHERE id = 1");
        await ExecuteAsync(b, tb, "UPDATE lost_race SET v = 1 WHERE id = 2");
        var first = ExecuteAsync(a, ta, "UPDATE lost_race SET v = 2 WHERE id = 2");
        var second = ExecuteAsync(b, tb, "UPDATE lost_race SET v = 2 WHERE id = 1");
        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        var victim = Assert.Single(outcomes.OfType<DbException>());
        Assert.Equal("40P01", ((PostgresException)victim).SqlState);
        Assert.True(SqlDialect.IsLostRace(victim));
        Assert.False(SqlDialect.IsUniqueViolation(victim));

        var syntax = await Outcome(ExecuteAsync(a, null, "SELEC 1"));
        Assert.False(SqlDialect.IsLostRace(Assert.IsAssignableFrom<DbException>(syntax)));
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (DbException e)
        {
            return e;
        }
    }
}
