using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WfaaS.Storage.Triggers;

namespace WfaaS.Scheduler.Triggers;

/// <summary>At start-up, (re)creates the recurring job of every stored trigger: Hangfire in memory forgets them on restart.</summary>
public sealed class TriggerReconciler(IServiceScopeFactory scopes, TriggerSchedule schedule) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var trigger in await scope.ServiceProvider.GetRequiredService<TriggerStore>().ListAsync(cancellationToken).ConfigureAwait(false))
        {
            schedule.Schedule(trigger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
