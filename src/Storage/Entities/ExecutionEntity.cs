namespace WfaaS.Storage.Entities;

/// <summary>One execution: its state, the concurrency version every step checks, and its engine snapshot.</summary>
public sealed class ExecutionEntity
{
    /// <summary>Insertion order; the keyset for listing newest first.</summary>
    public long Number { get; set; }

    public Guid Id { get; set; }
    public required string WorkflowName { get; set; }
    public int WorkflowVersion { get; set; }

    /// <summary>The definition row it runs; the key of the compiled plan.</summary>
    public long DefinitionId { get; set; }
    public required string State { get; set; }

    /// <summary>Optimistic concurrency: a step writes only if nobody stepped since it loaded (SPEC §1).</summary>
    public int RowVersion { get; set; }

    public required string InputJson { get; set; }
    public string? OutputJson { get; set; }
    public string? ErrorJson { get; set; }
    public string? Checkpoint { get; set; }
    public string? StopAt { get; set; }

    /// <summary>While an operator's revert runs: the checkpoint it stops at, and what follows (<c>STOP</c> / <c>RESUME</c>).</summary>
    public string? RevertTo { get; set; }

    public string? AfterRevert { get; set; }

    /// <summary>Retry scopes (SPEC §5.3): retries used per scope, the scope being reverted, the scope waiting out its delay.</summary>
    public string? ScopeRetriesJson { get; set; }

    public string? RetryingScope { get; set; }

    public string? ScopeHold { get; set; }

    /// <summary>Runs of the root flow completed under <c>repeat</c>, and whether it waits for the next one.</summary>
    public int Runs { get; set; }

    public bool RepeatHold { get; set; }
    public required string SymbolsJson { get; set; }
    public required string CheckpointsJson { get; set; }

    /// <summary>Every task's detail (TaskFlow's atom details), a JSON array in definition order; see <c>TaskDetailsJson</c>.</summary>
    public required string TasksJson { get; set; }

    public long LastSeq { get; set; }
    /// <summary>Set on a child execution: the <c>workflow</c> task waiting for it.</summary>
    public Guid? ParentExecutionId { get; set; }

    public string? ParentTask { get; set; }

    public int? ParentAttempt { get; set; }

    public string? IdempotencyKey { get; set; }
    public string? RequestHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}
