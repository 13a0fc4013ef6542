using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Configurations;

internal sealed class TaskInstanceConfiguration : IEntityTypeConfiguration<TaskInstanceEntity>
{
    public void Configure(EntityTypeBuilder<TaskInstanceEntity> builder)
    {
        builder.ToTable("task_instances");
        builder.HasKey(t => new { t.ExecutionId, t.Name });
        builder.Property(t => t.ExecutionId).HasColumnName("execution_id");
        builder.Property(t => t.Name).HasColumnName("name").HasMaxLength(120);
        builder.Property(t => t.Item).HasColumnName("item").HasMaxLength(100);
        builder.Property(t => t.Index).HasColumnName("index");
        builder.Property(t => t.Data).HasColumnName("data");
        builder.HasIndex(t => new { t.ExecutionId, t.Item, t.Index });
    }
}
