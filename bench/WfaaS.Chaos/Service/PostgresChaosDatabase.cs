using System.Net;
using System.Security.Cryptography;
using Npgsql;

namespace WfaaS.Chaos.Service;

/// <summary>
/// A fresh database <c>wfaas_chaos_&lt;random&gt;</c> on a loopback PostgreSQL server, created through the
/// given connection and dropped after the run (unless kept). The service's Hangfire storage lives in
/// it too, so Hangfire's jobs survive the kills as well.
/// </summary>
internal sealed class PostgresChaosDatabase : ChaosDatabase
{
    private readonly string _adminConnectionString;
    private readonly string _name;
    private readonly string _connectionString;

    private PostgresChaosDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        _name = name;
        _connectionString = connectionString;
    }

    public static async Task<PostgresChaosDatabase> CreateAsync(string adminConnectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder admin;
        try
        {
            admin = new NpgsqlConnectionStringBuilder(adminConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ChaosFailure($"--pg is not an Npgsql connection string: {e.Message}");
        }

        if (!IsLoopback(admin.Host))
        {
            throw new ChaosFailure($"--pg must reach a loopback server (127.0.0.1, ::1, localhost or a socket directory), not '{admin.Host}'.");
        }

        var name = "wfaas_chaos_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                throw new ChaosFailure($"Cannot connect to PostgreSQL with --pg: {e.Message}", e);
            }

            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var database = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name };
        return new PostgresChaosDatabase(admin.ConnectionString, name, database.ConnectionString);
    }

    public override string Kind => "postgresql";

    public override string Location => _name;

    public override IReadOnlyDictionary<string, string> ServiceEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Storage__Provider"] = "PostgreSql",
        ["ConnectionStrings__Wfaas"] = _connectionString,
    };

    /// <summary>Drops the database, closing whatever connections still reach it.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (Keep)
        {
            await Console.Error.WriteLineAsync($"kept PostgreSQL database {_name}");
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync(timeout.Token);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"warning: could not drop database {_name}: {e.Message}");
        }
    }

    private static bool IsLoopback(string? host) =>
        host switch
        {
            null or "" => true,
            _ when host.StartsWith('/') => true,
            _ when host.Equals("localhost", StringComparison.OrdinalIgnoreCase) => true,
            _ => host.Split(',').All(h => IPAddress.TryParse(h.Split(':')[0], out var ip) && IPAddress.IsLoopback(ip)),
        };
}
