using System.Collections.Concurrent;
using System.Threading.Channels;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WfaaS.Scheduler.Jobs;

namespace WfaaS.Scheduler.Outbox;

/// <summary>
/// Carries out outbox rows in this process as soon as their step commits, up to
/// <see cref="SchedulerOptions.MaxInFlight"/> at once. The work is mostly waiting on other systems'
/// HTTP, so it runs on async I/O instead of holding one of Hangfire's few worker threads for the
/// whole call. A row whose handling fails goes to Hangfire, the durable retry path; one lost with
/// the process is still undispatched in the database and a sweep brings it back.
/// </summary>
public sealed class OutboxRunner(IServiceScopeFactory scopes, IBackgroundJobClient jobs, SchedulerOptions options, ILogger<OutboxRunner> logger) : BackgroundService
{
    /// <summary>How long a stop waits for work in flight before cancelling it (its rows stay undispatched).</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, byte> _known = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Queues a row unless it is already queued or running here.</summary>
    public void Enqueue(long outboxId)
    {
        if (_known.TryAdd(outboxId, 0) && !_queue.Writer.TryWrite(outboxId))
        {
            _known.TryRemove(outboxId, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(options.MaxInFlight);
        using var work = new CancellationTokenSource();
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var running = RunAsync(id, slots, work.Token);
                _running.TryAdd(running, 0);
                _ = running.ContinueWith(done => _running.TryRemove(done, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // A graceful stop: no new row starts; rows in flight get a moment to finish and report.
        work.CancelAfter(DrainTimeout);
        await Task.WhenAll(_running.Keys).ConfigureAwait(false);
    }

    private async Task RunAsync(long outboxId, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OutboxJob>().RunAsync(outboxId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.OutboxRunFailed(logger, outboxId, e);
            SchedulerDispatcher.Enqueue(jobs, outboxId, logger);
        }
        finally
        {
            _known.TryRemove(outboxId, out _);
            slots.Release();
        }
    }
}
