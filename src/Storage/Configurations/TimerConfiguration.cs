using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Configurations;

internal sealed class TimerConfiguration : IEntityTypeConfiguration<TimerEntity>
{
    public void Configure(EntityTypeBuilder<TimerEntity> builder)
    {
        builder.ToTable("timers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(t => t.ExecutionId).HasColumnName("execution_id");
        builder.Property(t => t.Task).HasColumnName("task").HasMaxLength(100);
        builder.Property(t => t.Attempt).HasColumnName("attempt");
        builder.Property(t => t.Kind).HasColumnName("kind").HasMaxLength(20);
        builder.Property(t => t.DueAt).HasColumnName("due_at");
        builder.Property(t => t.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(t => t.DueAt, "IX_timers_pending").HasFilter("state = 'PENDING'");
        builder.HasIndex(t => t.ExecutionId);
    }
}
