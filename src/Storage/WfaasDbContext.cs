using Microsoft.EntityFrameworkCore;
using WfaaS.Storage.Configurations;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage;

/// <summary>
/// The logbook (SPEC §1). One model for every provider; each provider subclasses it only to
/// own its migrations (Providers/{Sqlite,PostgreSql,SqlServer}/Migrations).
/// </summary>
public abstract class WfaasDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<WorkflowDefinitionEntity> WorkflowDefinitions => Set<WorkflowDefinitionEntity>();

    public DbSet<ExecutionEntity> Executions => Set<ExecutionEntity>();

    public DbSet<HistoryChunkEntity> History => Set<HistoryChunkEntity>();

    public DbSet<OutboxEntity> Outbox => Set<OutboxEntity>();

    public DbSet<TimerEntity> Timers => Set<TimerEntity>();

    public DbSet<TokenEntity> Tokens => Set<TokenEntity>();

    public DbSet<TriggerEntity> Triggers => Set<TriggerEntity>();

    public DbSet<TaskInstanceEntity> TaskInstances => Set<TaskInstanceEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        // One by one, in the order ApplyConfigurationsFromAssembly would take them (by name): its scan
        // loads every type of this assembly, and with them Npgsql and SQL Server's client on SQLite too.
        modelBuilder
            .ApplyConfiguration(new ExecutionConfiguration())
            .ApplyConfiguration(new HistoryChunkConfiguration())
            .ApplyConfiguration(new OutboxConfiguration())
            .ApplyConfiguration(new TaskInstanceConfiguration())
            .ApplyConfiguration(new TimerConfiguration())
            .ApplyConfiguration(new TokenConfiguration())
            .ApplyConfiguration(new TriggerConfiguration())
            .ApplyConfiguration(new WorkflowDefinitionConfiguration());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
