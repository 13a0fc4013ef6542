using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Configurations;

internal sealed class TimerConfiguration : IEntityTypeConfiguration<TimerEntity>
{
    public void Configure(EntityTypeBuilder<TimerEntity> builder)
    {
        builder.ToTable("timers");
        builder.HasKey(t => new { t.ExecutionId, t.Serial });
        builder.Property(t => t.ExecutionId).HasColumnName("execution_id");
        builder.Property(t => t.Serial).HasColumnName("serial").ValueGeneratedNever();
        builder.Property(t => t.Task).HasColumnName("task").HasMaxLength(100);
        builder.Property(t => t.Kind).HasColumnName("kind").HasMaxLength(20);
        builder.Property(t => t.DueAt).HasColumnName("due_at");
        builder.Property(t => t.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
        builder.HasIndex(t => t.DueAt);
    }
}
