using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WfaaS.Scheduler.Jobs;
using WfaaS.Storage.Triggers;

namespace WfaaS.Scheduler.Triggers;

/// <summary>At start-up, (re)creates the recurring jobs (every stored trigger, the purge): Hangfire in memory forgets them on restart.</summary>
public sealed class TriggerReconciler(IServiceScopeFactory scopes, TriggerSchedule schedule, IRecurringJobManager recurring, SchedulerOptions options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // SPEC §5.6: the purge of finished executions runs hourly when Retention:FinishedExecutions is set.
        if (options.FinishedExecutionRetention is not null)
        {
            recurring.AddOrUpdate<PurgeJob>(PurgeJob.JobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        }
        else
        {
            recurring.RemoveIfExists(PurgeJob.JobId);
        }

        await using var scope = scopes.CreateAsyncScope();
        foreach (var trigger in await scope.ServiceProvider.GetRequiredService<TriggerStore>().ListAsync(cancellationToken).ConfigureAwait(false))
        {
            schedule.Schedule(trigger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
