using System.Data.Common;

namespace WfaaS.Bench.Databases;

/// <summary>
/// A fresh database of one kind for one run: what the service is started with, connections for the
/// floor, and the database's size on disk. Disposing removes it.
/// </summary>
internal abstract class BenchDatabase : IAsyncDisposable
{
    /// <summary>
    /// A fresh database: on PostgreSQL when <paramref name="pg"/> is given (a new database on that
    /// server), otherwise a SQLite file in <paramref name="directory"/>.
    /// </summary>
    public static async Task<BenchDatabase> CreateAsync(string? pg, string directory, CancellationToken cancellationToken) =>
        pg is null ? new SqliteBenchDatabase(directory) : await PostgresBenchDatabase.CreateAsync(pg, cancellationToken);

    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Where it is, for the report (a file path or a database name).</summary>
    public abstract string Location { get; }

    /// <summary>The service's environment for this database (provider and connection string).</summary>
    public abstract IReadOnlyDictionary<string, string> ServiceEnvironment { get; }

    /// <summary>The service floor's environment: its provider and a connection string to the floor's database.</summary>
    public abstract IReadOnlyDictionary<string, string> ServiceFloorEnvironment { get; }

    /// <summary>Drops the service floor's table <c>bench_service_floor</c>, so it is not counted in the service's database size.</summary>
    public abstract Task DropServiceFloorTableAsync(CancellationToken cancellationToken);

    /// <summary>
    /// CPU time the database server's processes have used so far, when it runs as processes of its
    /// own on this machine (PostgreSQL); null when the database is in the service's process (SQLite).
    /// </summary>
    public virtual TimeSpan? ServerCpuTime() => null;

    /// <summary>How the size is measured, for the report.</summary>
    public abstract string SizeMeasure { get; }

    /// <summary>Creates the floor's own table <c>bench_floor(id integer primary key, v text)</c>, empty.</summary>
    public abstract Task CreateFloorTableAsync(CancellationToken cancellationToken);

    /// <summary>Drops the floor's table again, so it is not counted in the service's database size.</summary>
    public abstract Task DropFloorTableAsync(CancellationToken cancellationToken);

    /// <summary>An open connection to the floor's table, with the settings the service's connections have.</summary>
    public abstract Task<DbConnection> OpenFloorConnectionAsync(CancellationToken cancellationToken);

    /// <summary>The database's bytes on disk now.</summary>
    public abstract Task<long> SizeBytesAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    protected static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // constant SQL written in this assembly
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
