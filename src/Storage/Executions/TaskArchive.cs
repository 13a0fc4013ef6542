using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Execution;

namespace WfaaS.Storage.Executions;

/// <summary>
/// The archived <c>for_each</c> elements (SPEC §3.6, table <c>task_instances</c>): read back when a
/// step needs every element of an item (gathering, reverting) and when the API lists tasks.
/// </summary>
public static class TaskArchive
{
    /// <summary>The state with every archived element of <paramref name="items"/> back in it.</summary>
    internal static async Task<ExecutionState> LoadAsync(
        WfaasDbContext db, Guid executionId, ExecutionState state, IEnumerable<string> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            state = state.WithArchived(item, await ElementsAsync(db, executionId, item, cancellationToken).ConfigureAwait(false));
        }

        return state;
    }

    /// <summary>Every archived element of the execution, by name.</summary>
    public static async Task<IReadOnlyDictionary<string, TaskDetail>> AllAsync(WfaasDbContext db, Guid executionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.TaskInstances.AsNoTracking().Where(t => t.ExecutionId == executionId).Select(t => t.Data)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ExecutionStateJson.ReadTaskDetail).ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    private static async Task<IEnumerable<TaskDetail>> ElementsAsync(WfaasDbContext db, Guid executionId, string item, CancellationToken cancellationToken)
    {
        var rows = await db.TaskInstances.AsNoTracking().Where(t => t.ExecutionId == executionId && t.Item == item).OrderBy(t => t.Index).Select(t => t.Data)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ExecutionStateJson.ReadTaskDetail);
    }
}
