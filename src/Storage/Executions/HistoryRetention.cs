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
/// checkpoint commits: what is old is always a head of the history, later steps only append, so
/// the compaction needs no lock on the execution; a compaction lost with the process happens at
/// the checkpoint's next passage. At most one chunk is cut in two.
/// </summary>
internal static class HistoryRetention
{
    public static async Task CompactAsync(
        WfaasDbContext db, IStepWriter writer, RowSql sql, Guid executionId, CompactHistory compaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var chunks = await db.History.AsNoTracking().Where(h => h.ExecutionId == executionId).OrderBy(h => h.FirstSeq)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var entries = chunks.SelectMany(c => HistoryChunks.Entries(c)).ToList();

        var reached = WireNames.Of(CheckpointStatus.Reached);
        var passages = entries.Where(e => e.Subject == "checkpoint" && e.Name == compaction.Checkpoint && e.To == reached)
            .Select(e => e.Seq).OrderDescending().ToList();
        long? cut = compaction.KeepCheckpoints is { } keep && passages.Count >= keep ? passages[keep - 1] : null;
        DateTime? before = compaction.KeepFor is { } keepFor ? (now - keepFor).UtcDateTime : null;
        var old = entries.Where(e => (cut is { } c && e.Seq < c) || (before is { } b && e.At < b)).ToList();
        if (old.Count == 0 || (old.Count == 1 && old[0].IsCompaction))
        {
            return;
        }

        var removed = old.Sum(e => e.IsCompaction ? e.Removed!.Value : 1);
        var upTo = old.Max(e => e.Seq);
        var statements = new List<Statement>();
        foreach (var chunk in chunks.Where(c => c.FirstSeq <= upTo))
        {
            statements.Add(sql.Delete<HistoryChunkEntity>([(nameof(HistoryChunkEntity.ExecutionId), executionId), (nameof(HistoryChunkEntity.FirstSeq), chunk.FirstSeq)]));
            if (chunk.LastSeq > upTo)
            {
                statements.Add(sql.Insert(HistoryChunks.Rewrite(executionId, [.. HistoryChunks.Entries(chunk, afterSeq: upTo)], chunk.At)));
            }
        }

        statements.Add(sql.Insert(HistoryChunks.Compaction(executionId, upTo, removed, $"retention of checkpoint {compaction.Checkpoint}", now)));

        // False only when a compaction of the same history ran meanwhile (its chunk keys collide): that one stands.
        await writer.WriteAsync(statements, cancellationToken).ConfigureAwait(false);
    }
}
