using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>Read-only queries behind the execution endpoints; one query each, no tracking.</summary>
public sealed class ExecutionReader(WfaasDbContext db, HotReads reads, DefinitionStore definitions)
{
    public async Task<StoredExecution?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await reads.ExecutionAsync(db, id, cancellationToken).ConfigureAwait(false) is { } row
            ? await StoredAsync(row, cancellationToken).ConfigureAwait(false)
            : null;

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
        var items = new List<StoredExecution>(Math.Min(rows.Count, filter.Limit));
        foreach (var row in rows.Take(filter.Limit))
        {
            items.Add(await StoredAsync(row, cancellationToken).ConfigureAwait(false));
        }

        return new ExecutionPage(items, rows.Count > filter.Limit ? rows[filter.Limit - 1].Number : null);
    }

    /// <summary>
    /// Every task detail of the execution in definition order, each <c>for_each</c> item followed by
    /// all its elements in index order (archived ones included); null when it does not exist.
    /// </summary>
    public async Task<(StoredExecution Execution, IReadOnlyList<TaskDetail> Tasks)?> TasksAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } execution)
        {
            return null;
        }

        var state = execution.State;
        var archived = state.Tasks.Values.Any(t => t.FanOut is { Archived: > 0 })
            ? await TaskArchive.AllAsync(db, id, cancellationToken).ConfigureAwait(false)
            : new Dictionary<string, TaskDetail>();
        var tasks = new List<TaskDetail>();
        foreach (var planned in state.Plan.Tasks)
        {
            var item = state.Tasks[planned.Name];
            tasks.Add(item);
            for (var i = 0; i < (item.FanOut?.Started ?? 0); i++)
            {
                foreach (var name in state.Plan.InstanceNames(planned.Name, i))
                {
                    if ((state.Tasks.GetValueOrDefault(name) ?? archived.GetValueOrDefault(name)) is { } element)
                    {
                        tasks.Add(element);
                    }
                }
            }
        }

        return (execution, tasks);
    }

    /// <summary>One task's current detail; null when the execution or the task does not exist.</summary>
    public async Task<TaskDetail?> TaskAsync(Guid id, string task, CancellationToken cancellationToken) =>
        (await FindAsync(id, cancellationToken).ConfigureAwait(false))?.State.Tasks.GetValueOrDefault(task);

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

    /// <summary>A token of <paramref name="kind"/> by its text (looked up by hash); null when unknown.</summary>
    public Task<TokenEntity?> TokenAsync(string token, WaitKind kind, CancellationToken cancellationToken) =>
        reads.TokenAsync(db, CallbackTokens.Hash(token), WireNames.Of(kind), cancellationToken);

    /// <summary>Every token of one task's attempt (live, accepted or voided), oldest first.</summary>
    public async Task<IReadOnlyList<TokenEntity>> TokensOfAsync(Guid id, string task, int attempt, CancellationToken cancellationToken) =>
        await db.Tokens.AsNoTracking().Where(t => t.ExecutionId == id && t.Task == task && t.Attempt == attempt)
            .OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The live tokens of an execution's waiting tasks.</summary>
    public async Task<IReadOnlyList<TokenEntity>> LiveTokensAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Tokens.AsNoTracking().Where(t => t.ExecutionId == id && t.State == TokenStates.Active)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>True while an execution of <paramref name="workflow"/> is not finished (it blocks deleting the workflow).</summary>
    public Task<bool> AnyUnfinishedAsync(string workflow, CancellationToken cancellationToken) =>
        db.Executions.AnyAsync(e => e.WorkflowName == workflow && ExecutionStatuses.UnfinishedWireNames.Contains(e.State), cancellationToken);

    private async Task<StoredExecution> StoredAsync(ExecutionEntity row, CancellationToken cancellationToken) =>
        ExecutionRows.ToStored(row, ExecutionRows.ToState(row, await definitions.PlanAsync(row.DefinitionId, cancellationToken).ConfigureAwait(false)));

    private Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Executions.AnyAsync(e => e.Id == id, cancellationToken);
}
