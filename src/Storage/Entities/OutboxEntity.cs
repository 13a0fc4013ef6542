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
}
