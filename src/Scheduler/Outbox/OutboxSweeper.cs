using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WfaaS.Storage;

namespace WfaaS.Scheduler.Outbox;

/// <summary>
/// Queues outbox rows that were committed but never done to the <see cref="OutboxRunner"/>: at
/// start-up every one of them (the process that committed them may have died), later only rows
/// older than <see cref="SchedulerOptions.OutboxStaleAfter"/>. Once per row, whatever the number of
/// restarts (a row queued or running here is not queued again); handlers re-check before acting,
/// so a repeat across instances is harmless.
/// </summary>
public sealed class OutboxSweeper(
    IServiceScopeFactory scopes, OutboxRunner runner, TimeProvider time, SchedulerOptions options, ILogger<OutboxSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var olderThan = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(olderThan, stoppingToken).ConfigureAwait(false);
                olderThan = options.OutboxStaleAfter;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.OutboxSweepFailed(logger, e);
            }

            try
            {
                await Task.Delay(options.OutboxSweepInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SweepAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        var before = (time.GetUtcNow() - olderThan).UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
        var ids = await db.Outbox.AsNoTracking()
            .Where(o => o.DispatchedAt == null && o.CreatedAt <= before)
            .OrderBy(o => o.Id).Select(o => o.Id).Take(10_000)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            runner.Enqueue(id);
        }

        if (ids.Count > 0)
        {
            Log.OutboxSwept(logger, ids.Count);
        }
    }
}
