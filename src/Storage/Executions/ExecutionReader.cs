using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>Read-only queries behind the execution endpoints; one query each, no tracking.</summary>
public sealed class ExecutionReader(WfaasDbContext db, HotReads reads, DefinitionStore definitions, CallbackTokens tokens)
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
        var row = await db.Executions.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.WorkflowName, e.CreatedAt, e.StartHistory })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var entries = new List<HistoryEntry>(Math.Min(limit + 1, 256));
        if (HistoryChunks.OfStart(id, row.CreatedAt, row.StartHistory) is { } start && start.LastSeq > afterSeq)
        {
            entries.AddRange(HistoryChunks.Entries(start, row.WorkflowName, afterSeq));
        }

        var chunks = db.History.AsNoTracking()
            .Where(h => h.ExecutionId == id && h.LastSeq > afterSeq)
            .OrderBy(h => h.FirstSeq)
            .AsAsyncEnumerable();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (entries.Count > limit)
            {
                break;
            }

            entries.AddRange(HistoryChunks.Entries(chunk, row.WorkflowName, afterSeq));
        }

        return entries.Count > limit ? new HistoryPage(entries[..limit], entries[limit - 1].Seq) : new HistoryPage(entries, null);
    }

    /// <summary>
    /// Approvals waiting for a decision, oldest first (at most 1,000): from the executions whose
    /// state has a task waiting for one (the partial index over unfinished executions finds them,
    /// the text match keeps the rest unread), with the tokens of the approvers who may still decide;
    /// and from the rows of tokens handed out before tokens were signed.
    /// </summary>
    public async Task<IReadOnlyList<PendingApproval>> PendingApprovalsAsync(CancellationToken cancellationToken)
    {
        var pending = new List<PendingApproval>();
        var unfinished = ExecutionStatuses.UnfinishedWireNames;
        var rows = await db.Executions.AsNoTracking()
            .Where(e => unfinished.Contains(e.State) && e.Data.Contains(WaitsForApproval))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var state = (await StoredAsync(row, cancellationToken).ConfigureAwait(false)).State;
            foreach (var task in state.OrderedTasks().Where(t => t is { Status: TaskDetailStatus.Waiting, Wait: WaitKind.Approval, Tokens.IsEmpty: false }))
            {
                var progress = task.Approval ?? new ApprovalProgress([], 1);
                var open = task.Tokens.Where(t => progress.MayDecide(t.Approver)).ToList();
                pending.Add(new PendingApproval(
                    row.Id,
                    task.Name,
                    TokenWaits.PromptOf(state, task.Name),
                    progress.Approvers,
                    progress.Quorum,
                    task.StartedAt ?? new DateTimeOffset(DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc)),
                    TokenWaits.DueAt(task),
                    open.Where(t => t.Approver is null).Select(t => tokens.Mint(row.Id, WaitKind.Approval, task.Name, task.Attempt, t.Nonce)).FirstOrDefault(),
                    open.Where(t => t.Approver is not null).ToDictionary(t => t.Approver!, t => tokens.Mint(row.Id, WaitKind.Approval, task.Name, task.Attempt, t.Nonce), StringComparer.Ordinal)));
            }
        }

        // Literals, as in the partial index IX_tokens_pending_approvals, so the database can use it.
        var legacy = await db.Tokens.AsNoTracking()
            .Where(t => t.Kind == "APPROVAL" && t.State == TokenStates.Active)
            .OrderBy(t => t.CreatedAt).Take(1000)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        pending.AddRange(legacy.GroupBy(t => (t.ExecutionId, t.Task, t.Attempt)).Select(g =>
        {
            var first = g.OrderBy(t => t.CreatedAt).First();
            var shared = g.FirstOrDefault(t => t.Approver is null);
            return new PendingApproval(
                first.ExecutionId,
                first.Task,
                first.Prompt,
                first.ApproversJson is { } approvers ? JsonSerializer.Deserialize<ImmutableArray<string>>(approvers) : [],
                first.Quorum ?? 1,
                new DateTimeOffset(DateTime.SpecifyKind(first.CreatedAt, DateTimeKind.Utc)),
                first.DueAt is { } due ? new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Utc)) : null,
                shared is null ? null : tokens.TokenFor(shared.Nonce),
                g.Where(t => t.Approver is not null).ToDictionary(t => t.Approver!, t => tokens.TokenFor(t.Nonce), StringComparer.Ordinal));
        }));
        return [.. pending.OrderBy(p => p.RequestedAt).ThenBy(p => p.ExecutionId).ThenBy(p => p.Task, StringComparer.Ordinal).Take(1000)];
    }

    /// <summary>
    /// A token of <paramref name="kind"/> as a row would say it; null when unknown. A signed token's
    /// row exists once it was accepted; until then the execution's state says whether it is live.
    /// </summary>
    public async Task<TokenEntity?> TokenAsync(string token, WaitKind kind, CancellationToken cancellationToken)
    {
        switch (tokens.Read(token, kind, out var claim))
        {
            case TokenForm.Legacy:
                return await reads.TokenAsync(db, CallbackTokens.Hash(token), WireNames.Of(kind), cancellationToken).ConfigureAwait(false);
            case TokenForm.Claim:
                if (await FindAsync(claim!.ExecutionId, cancellationToken).ConfigureAwait(false) is not { } execution)
                {
                    return null;
                }

                var hash = CallbackTokens.Hash(token);
                if (await reads.TokenAsync(db, hash, WireNames.Of(kind), cancellationToken).ConfigureAwait(false) is { } row)
                {
                    return execution.State.Tasks.TryGetValue(row.Task, out var task) ? TokenWaits.Fill(row, execution.State, task) : row;
                }

                return TokenWaits.Describe(hash, claim, kind, execution.State);
            default:
                return null;
        }
    }

    /// <summary>
    /// The callback token of <paramref name="task"/>'s attempt <paramref name="attempt"/> while it
    /// waits for one (signed from its nonce, or a live row from before); null when it no longer waits.
    /// </summary>
    public async Task<string?> CallbackTokenAsync(Guid id, string task, int attempt, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } execution
            || !execution.State.Tasks.TryGetValue(task, out var detail) || detail is not { Status: TaskDetailStatus.Waiting, Wait: WaitKind.Callback } || detail.Attempt != attempt)
        {
            return null;
        }

        if (!detail.Tokens.IsEmpty)
        {
            return tokens.Mint(id, WaitKind.Callback, task, attempt, detail.Tokens[0].Nonce);
        }

        var kind = WireNames.Of(WaitKind.Callback);
        var nonce = await db.Tokens.AsNoTracking()
            .Where(t => t.ExecutionId == id && t.Task == task && t.Attempt == attempt && t.Kind == kind && t.State == TokenStates.Active)
            .Select(t => t.Nonce).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return nonce is null ? null : tokens.TokenFor(nonce);
    }

    /// <summary>Every token row of one task's attempt (accepted, or from before signed tokens), oldest first.</summary>
    public async Task<IReadOnlyList<TokenEntity>> TokensOfAsync(Guid id, string task, int attempt, CancellationToken cancellationToken) =>
        await db.Tokens.AsNoTracking().Where(t => t.ExecutionId == id && t.Task == task && t.Attempt == attempt)
            .OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The live token rows of an execution's waiting tasks: tokens handed out before tokens were signed.</summary>
    public async Task<IReadOnlyList<TokenEntity>> LiveTokensAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Tokens.AsNoTracking().Where(t => t.ExecutionId == id && t.State == TokenStates.Active)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>True while an execution of <paramref name="workflow"/> is not finished (it blocks deleting the workflow).</summary>
    public Task<bool> AnyUnfinishedAsync(string workflow, CancellationToken cancellationToken) =>
        db.Executions.AnyAsync(e => e.WorkflowName == workflow && ExecutionStatuses.UnfinishedWireNames.Contains(e.State), cancellationToken);

    /// <summary>How the <c>data</c> column spells a task waiting for an approval (ExecutionStateJson).</summary>
    internal const string WaitsForApproval = "\"wait\":\"APPROVAL\"";

    private async Task<StoredExecution> StoredAsync(ExecutionEntity row, CancellationToken cancellationToken) =>
        ExecutionRows.ToStored(row, ExecutionRows.ToState(row, await definitions.PlanAsync(row.DefinitionId, cancellationToken).ConfigureAwait(false)));
}
