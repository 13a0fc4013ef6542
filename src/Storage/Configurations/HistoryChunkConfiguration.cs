using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Configurations;

internal sealed class HistoryChunkConfiguration : IEntityTypeConfiguration<HistoryChunkEntity>
{
    public void Configure(EntityTypeBuilder<HistoryChunkEntity> builder)
    {
        builder.ToTable("history");
        builder.HasKey(h => new { h.ExecutionId, h.FirstSeq });
        builder.Property(h => h.ExecutionId).HasColumnName("execution_id");
        builder.Property(h => h.FirstSeq).HasColumnName("first_seq").ValueGeneratedNever();
        builder.Property(h => h.LastSeq).HasColumnName("last_seq");
        builder.Property(h => h.At).HasColumnName("at");
        builder.Property(h => h.EntriesJson).HasColumnName("entries");
    }
}
