using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Configurations;

internal sealed class TokenConfiguration : IEntityTypeConfiguration<TokenEntity>
{
    public void Configure(EntityTypeBuilder<TokenEntity> builder)
    {
        builder.ToTable("tokens");
        builder.HasKey(t => t.Hash);
        builder.Property(t => t.Hash).HasColumnName("hash").HasMaxLength(32);
        builder.Property(t => t.Nonce).HasColumnName("nonce").HasMaxLength(32);
        builder.Property(t => t.ExecutionId).HasColumnName("execution_id");
        builder.Property(t => t.Task).HasColumnName("task").HasMaxLength(100);
        builder.Property(t => t.Attempt).HasColumnName("attempt");
        builder.Property(t => t.Kind).HasColumnName("kind").HasMaxLength(20);
        builder.Property(t => t.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(t => t.AcceptedBodyHash).HasColumnName("accepted_body_hash").HasMaxLength(64);
        builder.Property(t => t.Prompt).HasColumnName("prompt");
        builder.Property(t => t.ApproversJson).HasColumnName("approvers");
        builder.Property(t => t.Approver).HasColumnName("approver").HasMaxLength(200);
        builder.Property(t => t.Quorum).HasColumnName("quorum");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.DueAt).HasColumnName("due_at");
        // A token gets its row when it is accepted (CallbackTokens); ACTIVE rows are the tokens handed
        // out before, which the pending list still shows over this partial index (empty once they are used).
        builder.HasIndex(t => t.CreatedAt, "IX_tokens_pending_approvals").HasFilter("kind = 'APPROVAL' AND state = 'ACTIVE'");

        // The purge deletes an execution's rows, and a step voids a token from before, by execution.
        builder.HasIndex(t => t.ExecutionId);
    }
}
