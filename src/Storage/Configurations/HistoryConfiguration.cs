using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Configurations;

internal sealed class HistoryConfiguration : IEntityTypeConfiguration<HistoryEntity>
{
    public void Configure(EntityTypeBuilder<HistoryEntity> builder)
    {
        builder.ToTable("history");
        builder.HasKey(h => new { h.ExecutionId, h.Seq });
        builder.Property(h => h.ExecutionId).HasColumnName("execution_id");
        builder.Property(h => h.Seq).HasColumnName("seq").ValueGeneratedNever();
        builder.Property(h => h.At).HasColumnName("at");
        builder.Property(h => h.Subject).HasColumnName("subject").HasMaxLength(20);
        builder.Property(h => h.Name).HasColumnName("name").HasMaxLength(100);
        builder.Property(h => h.From).HasColumnName("from_state").HasMaxLength(20);
        builder.Property(h => h.To).HasColumnName("to_state").HasMaxLength(20);
        builder.Property(h => h.Attempt).HasColumnName("attempt");
        builder.Property(h => h.Cause).HasColumnName("cause").HasMaxLength(300);
        builder.Property(h => h.Removed).HasColumnName("removed");
        builder.Property(h => h.UpToSeq).HasColumnName("up_to_seq");
    }
}
