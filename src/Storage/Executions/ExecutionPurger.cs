using Microsoft.EntityFrameworkCore;

namespace WfaaS.Storage.Executions;

/// <summary>SPEC §5.6: finished executions older than <c>Retention:FinishedExecutions</c> go, with every row they own.</summary>
public sealed class ExecutionPurger(WfaasDbContext db, TimeProvider time)
{
    private const int Batch = 500;

    /// <returns>How many executions were removed.</returns>
    public async Task<int> PurgeAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        var cutoff = (time.GetUtcNow() - olderThan).UtcDateTime;
        var removed = 0;
        while (true)
        {
            var ids = await db.Executions.AsNoTracking()
                .Where(e => e.FinishedAt != null && e.FinishedAt < cutoff)
                .OrderBy(e => e.Number).Select(e => e.Id).Take(Batch)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (ids.Count == 0)
            {
                return removed;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await db.History.Where(h => ids.Contains(h.ExecutionId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Timers.Where(t => ids.Contains(t.ExecutionId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.TaskInstances.Where(t => ids.Contains(t.ExecutionId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Tokens.Where(t => ids.Contains(t.ExecutionId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Outbox.Where(o => ids.Contains(o.ExecutionId) && o.DispatchedAt != null).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Executions.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            removed += ids.Count;
        }
    }
}
