using WfaaS.Storage.Executions;

namespace WfaaS.Scheduler.Jobs;

/// <summary>Hangfire recurring job: removes finished executions older than the configured retention.</summary>
public sealed class PurgeJob(ExecutionPurger purger, SchedulerOptions options)
{
    public const string JobId = "purge-finished-executions";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.FinishedExecutionRetention is { } retention)
        {
            await purger.PurgeAsync(retention, cancellationToken).ConfigureAwait(false);
        }
    }
}
