namespace WfaaS.Storage.Entities;

/// <summary>One task of one execution (SPEC §6 <c>/executions/{id}/tasks</c>).</summary>
public sealed class TaskDetailEntity
{
    public Guid ExecutionId { get; set; }
    public required string Name { get; set; }

    /// <summary>The task's place in the definition (document order).</summary>
    public int Position { get; set; }
    public Guid Uuid { get; set; }
    public required string Action { get; set; }
    public required string State { get; set; }
    public int Attempt { get; set; }
    public string? ResultJson { get; set; }
    public string? ErrorType { get; set; }
    public string? ErrorMessage { get; set; }
    public string? ErrorStackTrace { get; set; }
    public int Version { get; set; }
    public string? MetaJson { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}
