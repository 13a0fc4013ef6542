namespace WfaaS.Storage.Entities;

/// <summary>An effect committed with the step that decided it, dispatched after commit (SPEC §1).</summary>
public sealed class OutboxEntity
{
    public long Id { get; set; }
    public Guid ExecutionId { get; set; }
    public required string Kind { get; set; }
    public required string PayloadJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DispatchedAt { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the step span that wrote the row (SPEC §10), so the work it
    /// stands for joins that trace; null when nobody traced that step.
    /// </summary>
    public string? TraceParent { get; set; }
}
