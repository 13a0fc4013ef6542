using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Npgsql;

namespace WfaaS.Bench.Databases;

/// <summary>
/// A fresh database <c>wfaas_bench_&lt;random&gt;</c> on a loopback PostgreSQL server, created through
/// the given connection and dropped after the run; the floor's table lives in it too.
/// </summary>
internal sealed class PostgresBenchDatabase : BenchDatabase
{
    private readonly string _adminConnectionString;
    private readonly string _name;
    private readonly string _connectionString;

    private PostgresBenchDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        _name = name;
        _connectionString = connectionString;
    }

    public static async Task<PostgresBenchDatabase> CreateAsync(string adminConnectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder admin;
        try
        {
            admin = new NpgsqlConnectionStringBuilder(adminConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new BenchFailure($"--pg is not an Npgsql connection string: {e.Message}");
        }

        if (!IsLoopback(admin.Host))
        {
            throw new BenchFailure($"--pg must reach a loopback server (127.0.0.1, ::1, localhost or a socket directory), not '{admin.Host}'.");
        }

        var name = "wfaas_bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                throw new BenchFailure($"Cannot connect to PostgreSQL with --pg: {e.Message}", e);
            }

            await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\"", cancellationToken);
        }

        var database = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name };
        var written = new DbConnectionStringBuilder { ConnectionString = adminConnectionString };
        if (!written.ContainsKey("SSL Mode") && !written.ContainsKey("SslMode"))
        {
            // As the service sets it for a loopback server (PostgresConnectionString.Tuned), so the
            // floor and the service floor go over the transport the service uses.
            database.SslMode = SslMode.Disable;
        }

        return new PostgresBenchDatabase(admin.ConnectionString, name, database.ConnectionString);
    }

    public override string Kind => "postgresql";

    public override string Location => _name;

    public override IReadOnlyDictionary<string, string> ServiceEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Storage__Provider"] = "PostgreSql",
        ["ConnectionStrings__Wfaas"] = _connectionString,
    };

    public override IReadOnlyDictionary<string, string> ServiceFloorEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Floor__Provider"] = "postgresql",
        ["Floor__ConnectionString"] = _connectionString,
    };

    public override async Task DropServiceFloorTableAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS bench_service_floor;", cancellationToken);
    }

    public override string SizeMeasure => "pg_database_size(current_database())";

    /// <summary>Every <c>postgres</c> process's: the server is on loopback, so on this machine.</summary>
    public override TimeSpan? ServerCpuTime() => ProcessCpu.OfProcessesNamed("postgres");

    public override async Task CreateFloorTableAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS bench_floor; CREATE TABLE bench_floor(id integer primary key, v text);", cancellationToken);
    }

    public override async Task DropFloorTableAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS bench_floor;", cancellationToken);
    }

    public override async Task<DbConnection> OpenFloorConnectionAsync(CancellationToken cancellationToken) =>
        await OpenAsync(_connectionString, cancellationToken);

    public override async Task<long> SizeBytesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(_connectionString, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Drops the database, closing whatever connections still reach it.</summary>
    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await using var connection = await OpenAsync(_adminConnectionString, timeout.Token);
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"warning: could not drop database {_name}: {e.Message}");
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static bool IsLoopback(string? host) =>
        host switch
        {
            null or "" => true,
            _ when host.StartsWith('/') => true,
            _ when host.Equals("localhost", StringComparison.OrdinalIgnoreCase) => true,
            _ => host.Split(',').All(h => IPAddress.TryParse(h.Split(':')[0], out var ip) && IPAddress.IsLoopback(ip)) ||
                 (IPAddress.TryParse(host, out var single) && IPAddress.IsLoopback(single)),
        };
}
