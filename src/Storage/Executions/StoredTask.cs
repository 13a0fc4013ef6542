using WfaaS.Engine.Execution;

namespace WfaaS.Storage.Executions;

/// <summary>One task detail as stored in its execution's row (SPEC §6 <c>/executions/{id}/tasks</c>).</summary>
public sealed record StoredTask(string Action, TaskDetail Detail)
{
    public string Name => Detail.Name;

    /// <summary>Stable for (execution, task): derived, not stored.</summary>
    public Guid Uuid(Guid executionId) => TaskIds.For(executionId, Detail.Name);
}
