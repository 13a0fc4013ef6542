using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Execution;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>Read-only queries behind the execution endpoints; one query each, no tracking.</summary>
public sealed class ExecutionReader(WfaasDbContext db, HotReads reads)
{
    public Task<ExecutionEntity?> FindAsync(Guid id, CancellationToken cancellationToken) => reads.ExecutionAsync(db, id, cancellationToken);

    public async Task<ExecutionPage> ListAsync(ExecutionFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Executions.AsNoTracking();
        if (filter.Workflow is { } workflow)
        {
            query = query.Where(e => e.WorkflowName == workflow);
        }

        if (filter.State is { } state)
        {
            query = query.Where(e => e.State == state);
        }

        if (filter.Before is { } before)
        {
            query = query.Where(e => e.Number < before);
        }

        var rows = await query.OrderByDescending(e => e.Number).Take(filter.Limit + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count > filter.Limit
            ? new ExecutionPage(rows[..filter.Limit], rows[filter.Limit - 1].Number)
            : new ExecutionPage(rows, null);
    }

    /// <summary>Every task detail of the execution, in definition order; null when it does not exist.</summary>
    public async Task<IReadOnlyList<StoredTask>?> TasksAsync(Guid id, CancellationToken cancellationToken)
    {
        var json = await db.Executions.AsNoTracking().Where(e => e.Id == id).Select(e => e.TasksJson)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return json is null ? null : TaskDetailsJson.Read(json);
    }

    /// <summary>One task's current detail; null when the execution or the task does not exist.</summary>
    public async Task<TaskDetail?> TaskAsync(Guid id, string task, CancellationToken cancellationToken) =>
        (await TasksAsync(id, cancellationToken).ConfigureAwait(false))?.FirstOrDefault(t => t.Name == task)?.Detail;

    /// <summary>Entries with seq &gt; <paramref name="afterSeq"/>, at most <paramref name="limit"/>; null when the execution does not exist.</summary>
    public async Task<HistoryPage?> HistoryAsync(Guid id, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        var entries = new List<HistoryEntry>(Math.Min(limit + 1, 256));
        var chunks = db.History.AsNoTracking()
            .Where(h => h.ExecutionId == id && h.LastSeq > afterSeq)
            .OrderBy(h => h.FirstSeq)
            .AsAsyncEnumerable();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            entries.AddRange(HistoryChunks.Entries(chunk, afterSeq));
            if (entries.Count > limit)
            {
                break;
            }
        }

        if (entries.Count == 0 && !await ExistsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return entries.Count > limit ? new HistoryPage(entries[..limit], entries[limit - 1].Seq) : new HistoryPage(entries, null);
    }

    /// <summary>Approvals waiting for a decision, oldest first.</summary>
    public async Task<IReadOnlyList<TokenEntity>> PendingApprovalsAsync(CancellationToken cancellationToken)
    {
        // Literals, as in the partial index IX_tokens_pending_approvals, so the database can use it.
        return await db.Tokens.AsNoTracking()
            .Where(t => t.Kind == "APPROVAL" && t.State == TokenStates.Active)
            .OrderBy(t => t.CreatedAt).Take(1000)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The live tokens and pending timers of an execution's waiting tasks.</summary>
    public async Task<ExecutionWaits> WaitsAsync(Guid id, CancellationToken cancellationToken)
    {
        var tokens = await db.Tokens.AsNoTracking().Where(t => t.ExecutionId == id && t.State == TokenStates.Active)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var timers = await db.Timers.AsNoTracking().Where(t => t.ExecutionId == id && t.State == TimerStates.Pending)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ExecutionWaits(tokens, timers);
    }

    /// <summary>True while an execution of <paramref name="workflow"/> is not finished (it blocks deleting the workflow).</summary>
    public Task<bool> AnyUnfinishedAsync(string workflow, CancellationToken cancellationToken) =>
        db.Executions.AnyAsync(e => e.WorkflowName == workflow && (e.State == "RUNNING" || e.State == "PAUSED" || e.State == "REVERTING"), cancellationToken);

    private Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Executions.AnyAsync(e => e.Id == id, cancellationToken);
}
