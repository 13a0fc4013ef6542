using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Configurations;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxEntity>
{
    public void Configure(EntityTypeBuilder<OutboxEntity> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(o => o.ExecutionId).HasColumnName("execution_id");
        builder.Property(o => o.Kind).HasColumnName("kind").HasMaxLength(50);
        builder.Property(o => o.PayloadJson).HasColumnName("payload");
        builder.Property(o => o.CreatedAt).HasColumnName("created_at");
        builder.Property(o => o.DispatchedAt).HasColumnName("dispatched_at");
        builder.Property(o => o.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
        builder.HasIndex(o => o.Id, "IX_outbox_undispatched").HasFilter("dispatched_at IS NULL");
    }
}
