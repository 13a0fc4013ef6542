using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Configurations;

internal sealed class ExecutionConfiguration : IEntityTypeConfiguration<ExecutionEntity>
{
    public void Configure(EntityTypeBuilder<ExecutionEntity> builder)
    {
        builder.ToTable("executions");
        builder.HasKey(e => e.Number);
        builder.Property(e => e.Number).HasColumnName("number").ValueGeneratedOnAdd();
        builder.Property(e => e.Id).HasColumnName("id");
        builder.HasIndex(e => e.Id).IsUnique();
        builder.Property(e => e.WorkflowName).HasColumnName("workflow_name").HasMaxLength(100);
        builder.Property(e => e.WorkflowVersion).HasColumnName("workflow_version");
        builder.Property(e => e.DefinitionId).HasColumnName("definition_id");
        builder.Property(e => e.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(e => e.RowVersion).HasColumnName("row_version").IsConcurrencyToken();
        builder.Property(e => e.InputJson).HasColumnName("input");
        builder.Property(e => e.Data).HasColumnName("data");
        builder.Property(e => e.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(200);
        builder.Property(e => e.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
        builder.Property(e => e.CreatedAt).HasColumnName("created_at");
        builder.Property(e => e.UpdatedAt).HasColumnName("updated_at");
        builder.Property(e => e.FinishedAt).HasColumnName("finished_at");
        builder.Property(e => e.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
        builder.Property(e => e.StartHistory).HasColumnName("start_history");
        builder.HasIndex(e => e.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");

        // Indexes on columns a step never changes, or over unfinished rows only: a state change
        // then moves no index entry (a finished row leaves the partial index), and a local flow,
        // inserted already finished, enters none.
        builder.HasIndex(e => e.WorkflowName);
        builder.HasIndex(e => new { e.WorkflowName, e.State }, "IX_executions_unfinished")
            .HasFilter($"state IN ({string.Join(", ", ExecutionStatuses.UnfinishedWireNames.Select(s => $"'{s}'"))})");
    }
}
