namespace WfaaS.Storage.Entities;

/// <summary>
/// One execution: the columns it is found and listed by, the concurrency version every step
/// checks, and its engine state as one text (<c>ExecutionStateJson</c>).
/// </summary>
public sealed class ExecutionEntity
{
    /// <summary>Insertion order; the keyset for listing newest first.</summary>
    public long Number { get; set; }

    public Guid Id { get; set; }
    public required string WorkflowName { get; set; }
    public int WorkflowVersion { get; set; }

    /// <summary>The definition row it runs; the key of the compiled plan.</summary>
    public long DefinitionId { get; set; }

    /// <summary>The execution's state (SPEC §4), a column so that lists filter by it.</summary>
    public required string State { get; set; }

    /// <summary>Optimistic concurrency: a step writes only if nobody stepped since it loaded (SPEC §1).</summary>
    public int RowVersion { get; set; }

    public required string InputJson { get; set; }

    /// <summary>Everything else the step function knows of it, in the storage format of <c>ExecutionStateJson</c>.</summary>
    public required string Data { get; set; }

    public string? IdempotencyKey { get; set; }

    /// <summary>The hash of the start request's body, kept only with an <see cref="IdempotencyKey"/>: the same key with another body is refused.</summary>
    public string? RequestHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the step span that started it (SPEC §10): the parent of the
    /// spans of the events that come from outside (callbacks, approvals, commands), so the whole
    /// execution is one trace; a child's comes from its parent's trace. Null when nobody traced the start.
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>
    /// The start step's history entries (seq 1 on, at <see cref="CreatedAt"/>), kept in the row when
    /// they are few, in the format of a history chunk's <c>entries</c>; null when the start step's
    /// chunk is a <c>history</c> row or retention compacted it. Written by the start, never by a step.
    /// </summary>
    public string? StartHistory { get; set; }
}
