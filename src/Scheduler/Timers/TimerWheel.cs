
namespace WfaaS.Scheduler.Timers;

/// <summary>
/// The in-process wake-up for durable timers due soon (within <see cref="SchedulerOptions.TimerHorizon"/>):
/// one <see cref="ITimer"/> armed for the earliest, so a timer fires on time instead of at Hangfire's
/// next poll. Firing hands the timer to the <see cref="TimerFirer"/>, which re-checks the row.
/// Timers further out stay only in the database until a sweep brings them in (nothing in memory per waiting execution).
/// </summary>
public sealed class TimerWheel : IDisposable
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<DueTimer, DateTimeOffset> _due = new();
    private readonly HashSet<(Guid, long)> _known = [];
    private readonly TimeProvider _time;
    private readonly TimerFirer _firer;
    private readonly SchedulerOptions _options;
    private readonly ITimer _timer;

    public TimerWheel(TimeProvider time, TimerFirer firer, SchedulerOptions options)
    {
        _time = time;
        _firer = firer;
        _options = options;
        _timer = time.CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keeps the timer if it is due within the horizon; a later sweep brings the others.</summary>
    public void Add(DueTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.DueAt > _time.GetUtcNow() + _options.TimerHorizon)
        {
            return;
        }

        lock (_gate)
        {
            if (_known.Add((timer.ExecutionId, timer.Serial)))
            {
                _due.Enqueue(timer, timer.DueAt);
                Arm();
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        var ready = new List<DueTimer>();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            while (_due.TryPeek(out var timer, out var dueAt) && dueAt <= now)
            {
                _due.Dequeue();
                _known.Remove((timer.ExecutionId, timer.Serial));
                ready.Add(timer);
            }

            Arm();
        }

        foreach (var timer in ready)
        {
            _firer.Fire(timer);
        }
    }

    private void Arm()
    {
        if (_due.TryPeek(out _, out var dueAt))
        {
            var delay = dueAt - _time.GetUtcNow();
            _timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }
}
