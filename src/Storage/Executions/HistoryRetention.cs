using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage.Executions;

/// <summary>
/// SPEC §5.6: when a checkpoint with <c>retention</c> is reached, history older than its N-th most
/// recent passage, or older than <c>keep_for</c>, becomes one <c>history_compacted</c> entry
/// <c>{removed, up_to_seq}</c> at seq up_to_seq. Carried out right after the step that reached the
/// checkpoint commits, checked against the execution's row version like a step (without changing
/// it): a compaction computed from history that a later step has moved past loses and is computed
/// again, so two never overlap. A compaction lost with the process happens at the checkpoint's
/// next passage. At most one chunk is cut in two.
/// </summary>
internal static class HistoryRetention
{
    private const int MaxAttempts = 10;

    public static async Task CompactAsync(
        WfaasDbContext db, IStepWriter writer, RowSql sql, Guid executionId, CompactHistory compaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var row = await db.Executions.AsNoTracking().Where(e => e.Id == executionId).Select(e => new { e.RowVersion, e.WorkflowName, e.CreatedAt, e.StartHistory })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var start = row is null ? null : HistoryChunks.OfStart(executionId, row.CreatedAt, row.StartHistory);
            if (row is null
                || await StatementsAsync(db, sql, executionId, row.RowVersion, row.WorkflowName, start, compaction, now, cancellationToken)
                    .ConfigureAwait(false) is not { } statements
                || await writer.WriteAsync(statements, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The check of a write that needs the execution as it was read, and changes nothing of it but,
    /// when <paramref name="cutsStart"/>, the start chunk its row keeps (one statement: a batch may
    /// not write one row twice).
    /// </summary>
    private static Statement Unchanged(RowSql sql, Guid executionId, int rowVersion, bool cutsStart) =>
        sql.Update<ExecutionEntity>(
            cutsStart ? [(nameof(ExecutionEntity.RowVersion), rowVersion), (nameof(ExecutionEntity.StartHistory), null)] : [(nameof(ExecutionEntity.RowVersion), rowVersion)],
            [(nameof(ExecutionEntity.Id), executionId), (nameof(ExecutionEntity.RowVersion), rowVersion)]) with { IsCheck = true };

    /// <returns>The compaction's writes, its check first; null when there is nothing to compact.</returns>
    private static async Task<List<Statement>?> StatementsAsync(
        WfaasDbContext db, RowSql sql, Guid executionId, int rowVersion, string workflowName, HistoryChunkEntity? start, CompactHistory compaction, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var rows = await db.History.AsNoTracking().Where(h => h.ExecutionId == executionId).OrderBy(h => h.FirstSeq)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        List<HistoryChunkEntity> chunks = start is null ? rows : [start, .. rows];
        var entries = chunks.SelectMany(c => HistoryChunks.Entries(c, workflowName)).ToList();

        var reached = WireNames.Of(CheckpointStatus.Reached);
        var passages = entries.Where(e => e.Subject == "checkpoint" && e.Name == compaction.Checkpoint && e.To == reached)
            .Select(e => e.Seq).OrderDescending().ToList();
        long? cut = compaction.KeepCheckpoints is { } keep && passages.Count >= keep ? passages[keep - 1] : null;
        DateTime? before = compaction.KeepFor is { } keepFor ? (now - keepFor).UtcDateTime : null;
        var old = entries.Where(e => (cut is { } c && e.Seq < c) || (before is { } b && e.At < b)).ToList();
        if (old.Count == 0 || (old.Count == 1 && old[0].IsCompaction))
        {
            return null;
        }

        var removed = old.Sum(e => e.IsCompaction ? e.Removed!.Value : 1);
        var upTo = old.Max(e => e.Seq);
        // The start chunk (seq 1 on) is the oldest: every compaction reaches it.
        var statements = new List<Statement> { Unchanged(sql, executionId, rowVersion, cutsStart: start is not null) };
        foreach (var chunk in chunks.Where(c => c.FirstSeq <= upTo))
        {
            if (chunk != start)
            {
                statements.Add(sql.Delete<HistoryChunkEntity>([(nameof(HistoryChunkEntity.ExecutionId), executionId), (nameof(HistoryChunkEntity.FirstSeq), chunk.FirstSeq)]));
            }

            if (chunk.LastSeq > upTo)
            {
                statements.Add(sql.Insert(HistoryChunks.Rewrite(executionId, [.. HistoryChunks.Entries(chunk, workflowName, afterSeq: upTo)], chunk.At)));
            }
        }

        statements.Add(sql.Insert(HistoryChunks.Compaction(executionId, upTo, removed, $"retention of checkpoint {compaction.Checkpoint}", now)));
        return statements;
    }
}
