using Npgsql;
using OpenTelemetry.Trace;
using WfaaS.Scheduler;
using WfaaS.Storage;

namespace WfaaS.Api.Telemetry;

/// <summary>
/// SPEC §10: the database client's spans, for the clients in use (the storage's, Hangfire's). Each in
/// a method of its own: compiling one loads its instrumentation's assembly, which SQLite needs neither of.
/// </summary>
internal static class DatabaseTracing
{
    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        var storage = (configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions()).Provider;
        var scheduler = (configuration.GetSection(SchedulerOptions.SectionName).Get<SchedulerOptions>() ?? new SchedulerOptions()).ResolveStorage(storage);
        if (storage == StorageProvider.PostgreSql || scheduler == SchedulerStorage.PostgreSql)
        {
            services.ConfigureOpenTelemetryTracerProvider(TraceNpgsql);
        }

        if (storage == StorageProvider.SqlServer || scheduler == SchedulerStorage.SqlServer)
        {
            services.ConfigureOpenTelemetryTracerProvider(TraceSqlClient);
        }
    }

    private static void TraceNpgsql(TracerProviderBuilder tracing) => tracing.AddNpgsql();

    private static void TraceSqlClient(TracerProviderBuilder tracing) => tracing.AddSqlClientInstrumentation();
}
