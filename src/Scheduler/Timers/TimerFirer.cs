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
    private const int Workers = 4;
    private readonly Channel<long> _due = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = false });

    public void Fire(long timerId) => _due.Writer.TryWrite(timerId);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _due.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<TimerJob>().FireAsync(id, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.TimerFireFailed(logger, id, e);
                    jobs.Enqueue<TimerJob>(job => job.FireAsync(id, CancellationToken.None));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
