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

    public override string SizeMeasure => "size of the database file + its -wal file";

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

    public override Task<long> SizeBytesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(FileSize(_serviceFile) + FileSize(_serviceFile + "-wal"));

    /// <summary>Closes pooled connections; the files go with the run's directory.</summary>
    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
