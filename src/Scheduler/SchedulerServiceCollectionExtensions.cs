using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using WfaaS.Scheduler.Jobs;
using WfaaS.Scheduler.Outbox;
using WfaaS.Scheduler.Runners;
using WfaaS.Scheduler.Timers;
using WfaaS.Storage.Executions;
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
                    hangfire.UsePostgreSqlStorage(
                        pg => pg.UseNpgsqlConnection(RequireConnectionString(connectionString, resolved)),
                        new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1), EnableLongPolling = true });
                    break;
                case SchedulerStorage.SqlServer:
                    hangfire.UseSqlServerStorage(
                        RequireConnectionString(connectionString, resolved),
                        new SqlServerStorageOptions { QueuePollInterval = TimeSpan.Zero, SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5) });
                    break;
                default:
                    throw new InvalidOperationException($"Unknown Scheduler:Storage '{resolved}'.");
            }
        });
        services.AddHangfireServer(server => server.WorkerCount = options.WorkerCount);

        services.AddSingleton<TimerWheel>();
        services.Replace(ServiceDescriptor.Singleton<ICommitDispatcher, SchedulerDispatcher>());
        services.AddHostedService<TimerSweeper>();
        services.AddHostedService<OutboxSweeper>();
        services.AddScoped<TimerJob>();
        services.AddScoped<OutboxJob>();
        services.AddHttpActions(configuration);
        return services;
    }

    /// <summary>The <c>http</c> runner: HttpClientFactory, a standard resilience pipeline per target authority, the host guard.</summary>
    private static void AddHttpActions(this IServiceCollection services, IConfiguration configuration)
    {
        var http = new HttpActionOptions();
        foreach (var host in configuration.GetSection($"{HttpActionOptions.SectionName}:AllowedHosts").Get<string[]>() ?? [])
        {
            http.AllowedHosts.Add(host);
        }

        services.AddSingleton(http);
        services.AddSingleton<HostGuard>();
        services.AddScoped<HttpActionRunner>();
        services.AddHttpClient(HttpActionRunner.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectCallback = HostGuard.ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddStandardResilienceHandler(resilience =>
            {
                // The attempt's own timeout (input 'timeout', default PT30S) bounds the whole request.
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(10);
                resilience.AttemptTimeout.Timeout = TimeSpan.FromMinutes(5);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(10);
                resilience.Retry.MaxRetryAttempts = 3;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not HttpRequestException { InnerException: HostNotAllowedException }
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome));
            })
            .SelectPipelineByAuthority();
    }

    private static string RequireConnectionString(string? connectionString, SchedulerStorage storage) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Scheduler:Storage is {storage}: set ConnectionStrings:{StorageOptions.ConnectionStringName} (env ConnectionStrings__Wfaas).")
            : connectionString;
}
