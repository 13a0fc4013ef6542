using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using WfaaS.Scheduler.Jobs;
using WfaaS.Scheduler.Outbox;
using WfaaS.Scheduler.Runners;
using WfaaS.Scheduler.Timers;
using WfaaS.Scheduler.Triggers;
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
        options.FinishedExecutionRetention = configuration.GetValue<TimeSpan?>("Retention:FinishedExecutions");
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var resolved = options.ResolveStorage(storage.Provider);
        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        services.AddSingleton(options);

        // Each host owns its JobStorage: Hangfire's default resolves JobStorage.Current, a static
        // that two hosts in one process (the tests) would share. Hangfire's global configuration
        // (serializer, log provider) is applied first.
        services.AddSingleton(provider =>
        {
            provider.GetRequiredService<IGlobalConfiguration>();
            return JobStorages.Create(resolved, connectionString);
        });
        services.AddHangfire((provider, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer((provider, server) =>
        {
            server.WorkerCount = options.WorkerCount;
            // Per host, not Hangfire's process-wide default activator.
            server.Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
        });

        services.AddSingleton<TimerFirer>();
        services.AddHostedService(provider => provider.GetRequiredService<TimerFirer>());
        services.AddSingleton<ITimerFirer>(provider => provider.GetRequiredService<TimerFirer>());
        services.AddSingleton<TimerWheel>();
        services.AddSingleton<OutboxRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxRunner>());
        services.Replace(ServiceDescriptor.Singleton<ICommitDispatcher, SchedulerDispatcher>());
        services.AddHostedService<TimerSweeper>();
        services.AddHostedService<OutboxSweeper>();
        services.AddScoped<TimerJob>();
        services.AddScoped<TriggerJob>();
        services.AddScoped<PurgeJob>();
        services.AddSingleton<TriggerSchedule>();
        services.AddHostedService<TriggerReconciler>();
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
        services.AddSingleton(provider => new HostGuard(
            http, () => provider.GetService<ListenAddresses>()?.Read() ?? []));
        services.AddScoped<HttpActionRunner>();
        services.AddScoped<DelegateRunner>();
        services.AddScoped<ChildStarter>();
        services.AddHttpClient(HttpActionRunner.ClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectCallback = provider.GetRequiredService<HostGuard>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddStandardResilienceHandler(resilience =>
            {
                // The attempt's own timeout (input 'timeout', default PT30S) bounds the whole request.
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(10);
                resilience.AttemptTimeout.Timeout = TimeSpan.FromMinutes(5);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(10);

                // No circuit breaking: a circuit opened by other executions' failures would fail this
                // attempt, or a revert, that may well succeed; each task's own retry and timeout decide.
                resilience.CircuitBreaker.ShouldHandle = _ => ValueTask.FromResult(false);
                resilience.Retry.MaxRetryAttempts = 3;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not HttpRequestException { InnerException: HostNotAllowedException }
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome));
            })
            .SelectPipelineByAuthority();
    }
}
