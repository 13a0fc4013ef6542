
namespace WfaaS.Scheduler.Timers;

/// <summary>
/// The in-process wake-up for durable timers due soon (within <see cref="SchedulerOptions.TimerHorizon"/>):
/// one <see cref="ITimer"/> armed for the earliest, so a timer fires on time instead of at Hangfire's
/// next poll. <see cref="SchedulerOptions.TimerReadAhead"/> before a timer is due, it goes to the
/// <see cref="TimerFirer"/> to have its execution read, together with every timer due in the half
/// of that span after it; at its due time it goes again, to fire.
/// Timers further out stay only in the database until a sweep brings them in (nothing in memory per waiting execution).
/// On the system clock a thread of its own waits instead: the runtime's timers count the coarse
/// monotonic clock (4 ms here), so a timer armed for the due time fired up to 4 ms after it, and
/// re-arming for what was left of the millisecond made a busy loop while timers came due together.
/// </summary>
public sealed class TimerWheel : IDisposable
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<DueTimer, DateTimeOffset> _due = new();

    /// <summary>The same timers, also by due time, until their executions are handed over to be read.</summary>
    private readonly PriorityQueue<DueTimer, DateTimeOffset> _unread = new();
    private readonly HashSet<(Guid, long)> _known = [];
    private readonly TimeProvider _time;
    private readonly ITimerFirer _firer;
    private readonly SchedulerOptions _options;
    private readonly ITimer? _timer;
    private readonly AutoResetEvent? _wake;
    private volatile bool _disposed;

    public TimerWheel(TimeProvider time, ITimerFirer firer, SchedulerOptions options)
    {
        _time = time;
        _firer = firer;
        _options = options;
        if (ReferenceEquals(time, TimeProvider.System))
        {
            _wake = new AutoResetEvent(false);
            new Thread(WaitForDue) { IsBackground = true, Name = "wfaas-timer-wheel" }.Start();
        }
        else
        {
            _timer = time.CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
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
                _unread.Enqueue(timer, timer.DueAt);
                if (ReferenceEquals(_unread.Peek(), timer))
                {
                    Arm();
                }
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
        _wake?.Set();
    }

    /// <summary>The system clock's wake-up: an OS wait until the earliest due time, to the millisecond.</summary>
    private void WaitForDue()
    {
        while (!_disposed)
        {
            var wait = Timeout.Infinite;
            lock (_gate)
            {
                if (NextWake() is { } wake)
                {
                    wait = (int)Math.Ceiling(Math.Clamp((wake - _time.GetUtcNow()).TotalMilliseconds, 0, int.MaxValue - 1));
                }
            }

            if (wait != 0)
            {
                _wake!.WaitOne(wait);
            }

            Tick();
        }
    }

    private void Tick()
    {
        var toRead = new List<DueTimer>();
        var ready = new List<DueTimer>();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var readAhead = _options.TimerReadAhead;
            if (_unread.TryPeek(out _, out var first) && first - readAhead <= now)
            {
                var until = now + readAhead + readAhead / 2;
                while (_unread.TryPeek(out var timer, out var dueAt) && dueAt <= until)
                {
                    _unread.Dequeue();
                    if (dueAt > now)
                    {
                        // One already due is read as it fires.
                        toRead.Add(timer);
                    }
                }
            }

            while (_due.TryPeek(out var timer, out var dueAt) && dueAt <= now)
            {
                _due.Dequeue();
                _known.Remove((timer.ExecutionId, timer.Serial));
                ready.Add(timer);
            }

            if (_timer is not null)
            {
                Arm();
            }
        }

        if (toRead.Count > 0)
        {
            _ = _firer.ReadAhead(toRead);
        }

        foreach (var timer in ready)
        {
            _firer.Fire(timer);
        }
    }

    /// <summary>When the next timer is due or the next execution is to be read, whichever comes first.</summary>
    private DateTimeOffset? NextWake()
    {
        if (!_due.TryPeek(out _, out var dueAt))
        {
            return null;
        }

        // Every unread timer is also in _due, so the earliest unread is due no sooner than dueAt.
        return _unread.TryPeek(out _, out var unreadDueAt) ? Min(unreadDueAt - _options.TimerReadAhead, dueAt) : dueAt;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private void Arm()
    {
        if (_wake is not null)
        {
            _wake.Set();
            return;
        }

        if (NextWake() is { } wake)
        {
            var delay = wake - _time.GetUtcNow();
            _timer!.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }
}
