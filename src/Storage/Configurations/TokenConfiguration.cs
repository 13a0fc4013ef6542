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
        builder.HasIndex(t => t.CreatedAt, "IX_tokens_pending_approvals").HasFilter("kind = 'APPROVAL' AND state = 'ACTIVE'");
        builder.HasIndex(t => t.ExecutionId);

        // wfaas.executions.waiting counts the executions with an active token of each kind (SPEC §10)
        // over this index, which holds only active tokens: an accepted or voided one leaves it.
        builder.HasIndex(t => new { t.Kind, t.ExecutionId }, "IX_tokens_active").HasFilter("state = 'ACTIVE'");
    }
}
