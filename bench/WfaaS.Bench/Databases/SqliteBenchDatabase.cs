using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace WfaaS.Bench.Databases;

/// <summary>
/// The service's file in the run's temporary directory and, beside it on the same file system, the
/// floor's own file: both in WAL mode (the service sets <c>PRAGMA journal_mode=WAL</c> on start)
/// with SQLite's default synchronous setting, opened with the same plain <c>Data Source=</c>
/// connection string the service gets.
/// </summary>
internal sealed class SqliteBenchDatabase : BenchDatabase
{
    private readonly string _serviceFile;
    private readonly string _floorFile;

    public SqliteBenchDatabase(string directory)
    {
        _serviceFile = Path.Combine(directory, "wfaas.db");
        _floorFile = Path.Combine(directory, "floor.db");
    }

    public override string Kind => "sqlite";

    public override string Location => _serviceFile;

    public override IReadOnlyDictionary<string, string> ServiceEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Storage__Provider"] = "Sqlite",
        ["ConnectionStrings__Wfaas"] = ServiceConnectionString,
    };

    public override IReadOnlyDictionary<string, string> ServiceFloorEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Floor__Provider"] = "sqlite",
        ["Floor__ConnectionString"] = FloorConnectionString,
    };

    public override async Task DropServiceFloorTableAsync(CancellationToken cancellationToken)
    {
        await using (var connection = new SqliteConnection(FloorConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "DROP TABLE IF EXISTS bench_service_floor;", cancellationToken);
        }

        SqliteConnection.ClearAllPools();
    }

    public override string SizeMeasure => "pages in use × page size, as a reader sees the database (the -wal file's commits included, its not yet checkpointed bulk not)";

    private string ServiceConnectionString => $"Data Source={_serviceFile}";

    private string FloorConnectionString => $"Data Source={_floorFile}";

    public override async Task CreateFloorTableAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(FloorConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS bench_floor; CREATE TABLE bench_floor(id integer primary key, v text);", cancellationToken);
    }

    public override async Task DropFloorTableAsync(CancellationToken cancellationToken)
    {
        await using (var connection = new SqliteConnection(FloorConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "DROP TABLE IF EXISTS bench_floor;", cancellationToken);
        }

        SqliteConnection.ClearAllPools();
    }

    public override async Task<DbConnection> OpenFloorConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(FloorConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <remarks>
    /// The file and its -wal file would count the WAL's frames, which stay until a checkpoint the
    /// service does not control: the same database measured 795 bytes per waiting execution by
    /// pages and 1,554 by file sizes.
    /// </remarks>
    public override async Task<long> SizeBytesAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_serviceFile))
        {
            return 0;
        }

        await using var connection = new SqliteConnection($"Data Source={_serviceFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ((SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count())) * (SELECT page_size FROM pragma_page_size())";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Closes pooled connections; the files go with the run's directory.</summary>
    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
