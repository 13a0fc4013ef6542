using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>Read-only queries behind the execution endpoints; one query each, no tracking.</summary>
public sealed class ExecutionReader(WfaasDbContext db)
{
    private static readonly string[] UnfinishedStates =
        [.. new[] { ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Reverting }.Select(WireNames.Of)];

    public Task<ExecutionEntity?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Executions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

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

    public async Task<IReadOnlyList<TaskDetailEntity>?> TasksAsync(Guid id, CancellationToken cancellationToken)
    {
        var tasks = await db.TaskDetails.AsNoTracking().Where(t => t.ExecutionId == id).OrderBy(t => t.Position).ToListAsync(cancellationToken).ConfigureAwait(false);
        return tasks.Count > 0 || await ExistsAsync(id, cancellationToken).ConfigureAwait(false) ? tasks : null;
    }

    public async Task<HistoryPage?> HistoryAsync(Guid id, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.History.AsNoTracking()
            .Where(h => h.ExecutionId == id && h.Seq > afterSeq)
            .OrderBy(h => h.Seq).Take(limit + 1)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0 && !await ExistsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return rows.Count > limit ? new HistoryPage(rows[..limit], rows[limit - 1].Seq) : new HistoryPage(rows, null);
    }

    /// <summary>The tasks the execution waits on, in definition order.</summary>
    public async Task<IReadOnlyList<TaskDetailEntity>> WaitingAsync(Guid id, CancellationToken cancellationToken)
    {
        var waiting = WireNames.Of(TaskDetailStatus.Waiting);
        return await db.TaskDetails.AsNoTracking()
            .Where(t => t.ExecutionId == id && t.State == waiting)
            .OrderBy(t => t.Position)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Approvals waiting for a decision, oldest first.</summary>
    public async Task<IReadOnlyList<TokenEntity>> PendingApprovalsAsync(CancellationToken cancellationToken)
    {
        var approval = WireNames.Of(WaitKind.Approval);
        return await db.Tokens.AsNoTracking()
            .Where(t => t.Kind == approval && t.State == TokenStates.Active)
            .OrderBy(t => t.CreatedAt).Take(1000)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The live tokens and pending timers of an execution's waiting tasks.</summary>
    public async Task<(IReadOnlyList<TokenEntity> Tokens, IReadOnlyList<TimerEntity> Timers)> WaitsAsync(Guid id, CancellationToken cancellationToken)
    {
        var tokens = await db.Tokens.AsNoTracking().Where(t => t.ExecutionId == id && t.State == TokenStates.Active)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var timers = await db.Timers.AsNoTracking().Where(t => t.ExecutionId == id && t.State == TimerStates.Pending)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (tokens, timers);
    }

    /// <summary>True while an execution of <paramref name="workflow"/> is not finished (it blocks deleting the workflow).</summary>
    public Task<bool> AnyUnfinishedAsync(string workflow, CancellationToken cancellationToken) =>
        db.Executions.AnyAsync(e => e.WorkflowName == workflow && UnfinishedStates.Contains(e.State), cancellationToken);

    private Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Executions.AnyAsync(e => e.Id == id, cancellationToken);
}
