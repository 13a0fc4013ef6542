using System.Collections.Concurrent;
using System.Threading.Channels;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WfaaS.Scheduler.Jobs;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;

namespace WfaaS.Scheduler.Timers;

/// <summary>
/// Fires due timers in this process as soon as the wheel hands them over (a Hangfire job would add
/// its queue's pick-up latency to every timer). The wheel hands them over twice: first to have
/// their executions read (<see cref="ReadAhead"/>: one read for all timers due about then), then,
/// at the due time, to fire, each its own step on the row read, whose writes the step writer
/// commits together. A row that changed since loses the step's check and the step reads it again.
/// A timer whose step fails goes to Hangfire, which retries it; one that is lost with the process
/// is still PENDING in its row and the next sweep brings it back.
/// </summary>
public sealed class TimerFirer(IServiceScopeFactory scopes, IBackgroundJobClient jobs, ILogger<TimerFirer> logger) : BackgroundService, ITimerFirer
{
    /// <summary>Timers read together; more wait for the next read.</summary>
    private const int MaxBatch = 256;

    /// <summary>
    /// Fires whose commit is still outstanding; the next read waits below this. Each holds a pooled
    /// context: past the pool's 1,024 every fire built a new one, which tripled a burst's CPU.
    /// </summary>
    private const int MaxInFlight = 512;

    /// <summary>Readers of the due timers: a batch's steps run on its reader, so one per core, and as many again to read while others step.</summary>
    private static readonly int Readers = 2 * Environment.ProcessorCount;

    private readonly Channel<DueTimer> _due = Channel.CreateUnbounded<DueTimer>();
    private readonly SemaphoreSlim _inFlight = new(MaxInFlight, MaxInFlight);
    private readonly SemaphoreSlim _admission = new(1, 1);

    /// <summary>Timers handed over to be read and not fired yet, each with the read of its execution.</summary>
    private readonly ConcurrentDictionary<(Guid, long), Task<IReadOnlyDictionary<Guid, ExecutionEntity>>> _read = new();
    private CancellationToken _stopping;

    public Task ReadAhead(IReadOnlyList<DueTimer> timers)
    {
        ArgumentNullException.ThrowIfNull(timers);
        var read = Task.Run(() => PreloadAsync(timers, _stopping));
        foreach (var timer in timers)
        {
            _read[(timer.ExecutionId, timer.Serial)] = read;
        }

        return read;
    }

    public void Fire(DueTimer timer) => _due.Writer.TryWrite(timer);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        return Task.WhenAll(Enumerable.Range(0, Readers).Select(_ => Task.Run(() => ReadAsync(stoppingToken), stoppingToken)));
    }

    private async Task ReadAsync(CancellationToken stoppingToken)
    {
        var batch = new List<DueTimer>(MaxBatch);
        try
        {
            while (await _due.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _due.Reader.TryRead(out var timer))
                {
                    batch.Add(timer);
                }

                if (batch.Count == 0)
                {
                    // Another reader took what woke this one.
                    continue;
                }

                // One reader at a time waits for its batch's slots: two that each held part of what
                // they need would wait on each other; the fires in flight release slots without it.
                await _admission.WaitAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        await _inFlight.WaitAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _admission.Release();
                }

                var rows = await RowsAsync(batch, stoppingToken).ConfigureAwait(false);
                foreach (var timer in batch)
                {
                    // Runs its step here and returns at its commit, so the next timer's step follows at once.
                    _ = FireAsync(timer, rows.GetValueOrDefault(timer.ExecutionId), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The batch's execution rows: those read ahead, and one read for the rest.</summary>
    private async Task<IReadOnlyDictionary<Guid, ExecutionEntity>> RowsAsync(List<DueTimer> batch, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<Guid, ExecutionEntity>();
        List<DueTimer>? unread = null;
        foreach (var timer in batch)
        {
            if (!_read.TryRemove((timer.ExecutionId, timer.Serial), out var read))
            {
                (unread ??= []).Add(timer);
            }
            else if ((await read.ConfigureAwait(false)).TryGetValue(timer.ExecutionId, out var row))
            {
                rows[timer.ExecutionId] = row;
            }
        }

        if (unread is not null)
        {
            foreach (var (id, row) in await PreloadAsync(unread, cancellationToken).ConfigureAwait(false))
            {
                rows[id] = row;
            }
        }

        return rows;
    }

    /// <summary>The timers' execution rows; none when the read fails (each step then reads its own).</summary>
    private async Task<IReadOnlyDictionary<Guid, ExecutionEntity>> PreloadAsync(IReadOnlyList<DueTimer> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ExecutionStore>()
                .PreloadAsync([.. batch.Select(t => t.ExecutionId).Distinct()], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.TimerPreloadFailed(logger, batch.Count, e);
            return new Dictionary<Guid, ExecutionEntity>();
        }
    }

    private async Task FireAsync(DueTimer timer, ExecutionEntity? preloaded, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TimerJob>().FireAsync(timer, preloaded, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log.TimerFireFailed(logger, timer.ExecutionId, timer.Serial, e);
            var (execution, serial) = (timer.ExecutionId, timer.Serial);
            jobs.Enqueue<TimerJob>(job => job.FireAsync(execution, serial, CancellationToken.None));
        }
        finally
        {
            _inFlight.Release();
        }
    }
}
