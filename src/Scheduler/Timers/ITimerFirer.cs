namespace WfaaS.Scheduler.Timers;

/// <summary>What the <see cref="TimerWheel"/> hands its timers to: first to have their executions read, then to fire.</summary>
public interface ITimerFirer
{
    /// <summary>Timers not due yet whose executions are to be read for their fires; the task ends with the read, and fails only when the service stops.</summary>
    Task ReadAhead(IReadOnlyList<DueTimer> timers);

    /// <summary>A timer now due.</summary>
    void Fire(DueTimer timer);
}
