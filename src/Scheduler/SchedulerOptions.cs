using WfaaS.Storage;

namespace WfaaS.Scheduler;

/// <summary>The <c>Scheduler</c> configuration section (SPEC §2).</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    /// <summary>Unset: the same server as Storage, InMemory for SQLite.</summary>
    public SchedulerStorage? Storage { get; set; }

    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Outbox rows (http requests, delegate requests, child starts) carried out at once in this process.</summary>
    public int MaxInFlight { get; set; } = 500;

    /// <summary>Timers due within this span are held by the in-process wheel; later ones stay in the database.</summary>
    public TimeSpan TimerHorizon { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A timer's execution is read this long before it is due, with others due about then, so the
    /// step runs at the due time instead of one read after it. The step still checks the row it read.
    /// </summary>
    public TimeSpan TimerReadAhead { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often pending timers are read from the database (at start-up too).</summary>
    public TimeSpan TimerSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    public int TimerSweepBatch { get; set; } = 20_000;

    /// <summary>How often the outbox is read for rows a crash left undispatched.</summary>
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After start-up, only rows older than this are re-dispatched (younger ones are in flight).</summary>
    public TimeSpan OutboxStaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>Retention:FinishedExecutions</c> (SPEC §5.6): purge finished executions older than this; off when unset.</summary>
    public TimeSpan? FinishedExecutionRetention { get; set; }

    public SchedulerStorage ResolveStorage(StorageProvider provider) => Storage ?? provider switch
    {
        StorageProvider.PostgreSql => SchedulerStorage.PostgreSql,
        StorageProvider.SqlServer => SchedulerStorage.SqlServer,
        _ => SchedulerStorage.InMemory,
    };
}
