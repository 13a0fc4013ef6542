using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Configurations;

internal sealed class TaskDetailConfiguration : IEntityTypeConfiguration<TaskDetailEntity>
{
    public void Configure(EntityTypeBuilder<TaskDetailEntity> builder)
    {
        builder.ToTable("task_details");
        builder.HasKey(t => new { t.ExecutionId, t.Name });
        builder.Property(t => t.ExecutionId).HasColumnName("execution_id");
        builder.Property(t => t.Name).HasColumnName("name").HasMaxLength(100);
        builder.Property(t => t.Position).HasColumnName("position");
        builder.Property(t => t.Uuid).HasColumnName("uuid");
        builder.Property(t => t.Action).HasColumnName("action").HasMaxLength(50);
        builder.Property(t => t.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(t => t.Attempt).HasColumnName("attempt");
        builder.Property(t => t.ResultJson).HasColumnName("result");
        builder.Property(t => t.ErrorType).HasColumnName("error_type").HasMaxLength(200);
        builder.Property(t => t.ErrorMessage).HasColumnName("error_message");
        builder.Property(t => t.ErrorStackTrace).HasColumnName("error_stack_trace");
        builder.Property(t => t.Version).HasColumnName("version");
        builder.Property(t => t.MetaJson).HasColumnName("meta");
        builder.Property(t => t.StartedAt).HasColumnName("started_at");
        builder.Property(t => t.FinishedAt).HasColumnName("finished_at");
    }
}
