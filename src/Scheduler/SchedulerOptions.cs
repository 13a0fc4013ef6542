using WfaaS.Storage;

namespace WfaaS.Scheduler;

/// <summary>The <c>Scheduler</c> configuration section (SPEC §2).</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    /// <summary>Unset: the same server as Storage, InMemory for SQLite.</summary>
    public SchedulerStorage? Storage { get; set; }

    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    public SchedulerStorage ResolveStorage(StorageProvider provider) => Storage ?? provider switch
    {
        StorageProvider.PostgreSql => SchedulerStorage.PostgreSql,
        StorageProvider.SqlServer => SchedulerStorage.SqlServer,
        _ => SchedulerStorage.InMemory,
    };
}
