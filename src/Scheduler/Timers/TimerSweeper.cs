using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WfaaS.Storage;

namespace WfaaS.Scheduler.Timers;

/// <summary>
/// Brings pending timers due within the horizon from the database into the <see cref="TimerWheel"/>:
/// at start-up (so timers survive a restart, on any Hangfire storage) and then every sweep interval.
/// </summary>
public sealed class TimerSweeper(
    IServiceScopeFactory scopes, TimerWheel wheel, TimeProvider time, SchedulerOptions options, ILogger<TimerSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.TimerSweepFailed(logger, e);
            }

            try
            {
                await Task.Delay(options.TimerSweepInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var until = (time.GetUtcNow() + options.TimerHorizon).UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
        var due = await db.Timers.AsNoTracking()
            .Where(t => t.DueAt <= until)
            .OrderBy(t => t.DueAt)
            .Take(options.TimerSweepBatch)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var timer in due)
        {
            wheel.Add(DueTimer.Of(timer));
        }

        if (due.Count > 0)
        {
            Log.TimersSwept(logger, due.Count);
        }
    }
}
