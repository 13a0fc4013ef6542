using Npgsql;
using WfaaS.Storage;

namespace WfaaS.TestKit;

/// <summary>
/// A fresh database on the server named by <c>WFAAS_TEST_POSTGRES</c>, dropped afterwards.
/// Without that variable the PostgreSQL tests are reported as skipped (and .ci/run fails under CI).
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string EnvironmentVariable = "WFAAS_TEST_POSTGRES";

    private readonly string _name = $"wfaas_test_{Guid.NewGuid():N}";
    private string? _connectionString;

    private PostgresTestDatabase()
    {
    }

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } cs ? cs : null;

    public static bool IsConfigured => ServerConnectionString is not null;

    public static string SkipReason => $"{EnvironmentVariable} is not set: PostgreSQL tests need a connection string to a server.";

    public override StorageProvider Provider => StorageProvider.PostgreSql;

    public override string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not created.");

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var database = new PostgresTestDatabase();
        await using var connection = new NpgsqlConnection(ServerConnectionString ?? throw new InvalidOperationException(SkipReason));
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{database._name}\"", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        database._connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database._name }.ConnectionString;
        return database;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
