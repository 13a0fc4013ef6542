using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Storage;

namespace WfaaS.Scheduler;

public static class SchedulerServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire on the storage named by <c>Scheduler:Storage</c>, plus one server per instance.
    /// Hangfire is the trigger, never the record (SPEC §1): our tables hold timers and outbox.
    /// </summary>
    public static IServiceCollection AddWfaasScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SchedulerOptions.SectionName).Get<SchedulerOptions>() ?? new SchedulerOptions();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var resolved = options.ResolveStorage(storage.Provider);
        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        services.AddSingleton(options);

        services.AddHangfire(hangfire =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (resolved)
            {
                case SchedulerStorage.InMemory:
                    hangfire.UseInMemoryStorage();
                    break;
                case SchedulerStorage.PostgreSql:
                    hangfire.UsePostgreSqlStorage(pg => pg.UseNpgsqlConnection(RequireConnectionString(connectionString, resolved)));
                    break;
                case SchedulerStorage.SqlServer:
                    hangfire.UseSqlServerStorage(RequireConnectionString(connectionString, resolved));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown Scheduler:Storage '{resolved}'.");
            }
        });
        services.AddHangfireServer(server => server.WorkerCount = options.WorkerCount);
        return services;
    }

    private static string RequireConnectionString(string? connectionString, SchedulerStorage storage) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Scheduler:Storage is {storage}: set ConnectionStrings:{StorageOptions.ConnectionStringName} (env ConnectionStrings__Wfaas).")
            : connectionString;
}
