using System.Threading.Channels;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WfaaS.Scheduler.Jobs;

namespace WfaaS.Scheduler.Timers;

/// <summary>
/// Fires due timers in this process as soon as the wheel hands them over (a Hangfire job would add
/// its queue's pick-up latency to every timer). A timer whose step fails goes to Hangfire, which
/// retries it; one that is lost with the process is still PENDING in its row and the next sweep
/// brings it back.
/// </summary>
public sealed class TimerFirer(IServiceScopeFactory scopes, IBackgroundJobClient jobs, ILogger<TimerFirer> logger) : BackgroundService
{
    /// <summary>
    /// Fires in flight at once: a fire is a few database round trips, mostly waiting, so a thousand
    /// timers due together need many in flight (on SQLite they then share commits).
    /// </summary>
    private const int Workers = 32;
    private readonly Channel<DueTimer> _due = Channel.CreateUnbounded<DueTimer>(new UnboundedChannelOptions { SingleWriter = false });

    public void Fire(DueTimer timer) => _due.Writer.TryWrite(timer);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var timer in _due.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<TimerJob>().FireAsync(timer, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.TimerFireFailed(logger, timer.ExecutionId, timer.Serial, e);
                    var (execution, serial) = (timer.ExecutionId, timer.Serial);
                    jobs.Enqueue<TimerJob>(job => job.FireAsync(execution, serial, CancellationToken.None));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
