using System.Diagnostics.CodeAnalysis;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using WfaaS.Storage;
using WfaaS.Storage.Sql;

namespace WfaaS.Scheduler;

/// <summary>
/// The <see cref="JobStorage"/> named by <c>Scheduler:Storage</c>. Each is built in a method of its
/// own, typed as JobStorage: compiling a method loads the assemblies its body and signature name,
/// so the embedded default loads neither Hangfire.PostgreSql (nor Npgsql) nor Hangfire.SqlServer (docs/memory.md).
/// </summary>
[SuppressMessage("Performance", "CA1859", Justification = "A concrete return type would load its assembly with Create.")]
internal static class JobStorages
{
    public static JobStorage Create(SchedulerStorage storage, string? connectionString) => storage switch
    {
        SchedulerStorage.InMemory => InMemory(),
        SchedulerStorage.PostgreSql => PostgreSql(PostgresConnectionString.Tuned(RequireConnectionString(connectionString, storage))),
        SchedulerStorage.SqlServer => SqlServer(RequireConnectionString(connectionString, storage)),
        _ => throw new InvalidOperationException($"Unknown Scheduler:Storage '{storage}'."),
    };

    private static JobStorage InMemory() => new InMemoryStorage();

    private static JobStorage PostgreSql(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1), EnableLongPolling = true };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    private static JobStorage SqlServer(string connectionString) =>
        new SqlServerStorage(connectionString, new SqlServerStorageOptions { QueuePollInterval = TimeSpan.Zero, SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5) });

    private static string RequireConnectionString(string? connectionString, SchedulerStorage storage) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Scheduler:Storage is {storage}: set ConnectionStrings:{StorageOptions.ConnectionStringName} (env ConnectionStrings__Wfaas).")
            : connectionString;
}
