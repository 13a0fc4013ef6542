using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Configurations;

internal sealed class TriggerConfiguration : IEntityTypeConfiguration<TriggerEntity>
{
    public void Configure(EntityTypeBuilder<TriggerEntity> builder)
    {
        builder.ToTable("triggers");
        builder.HasKey(t => t.Name);
        builder.Property(t => t.Name).HasColumnName("name").HasMaxLength(100);
        builder.Property(t => t.Workflow).HasColumnName("workflow").HasMaxLength(100);
        builder.Property(t => t.InputJson).HasColumnName("input");
        builder.Property(t => t.Cron).HasColumnName("cron").HasMaxLength(200);
        builder.Property(t => t.TimeZone).HasColumnName("time_zone").HasMaxLength(100);
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
    }
}
