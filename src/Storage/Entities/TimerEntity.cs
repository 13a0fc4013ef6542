namespace WfaaS.Storage.Entities;

/// <summary>A durable timer (SPEC §1): the row is the truth; an in-process wake-up and a Hangfire job only act on it.</summary>
public sealed class TimerEntity
{
    public long Id { get; set; }
    public Guid ExecutionId { get; set; }
    public required string Task { get; set; }
    public int Attempt { get; set; }
    public required string Kind { get; set; }
    public DateTime DueAt { get; set; }
    public required string State { get; set; }
    public DateTime CreatedAt { get; set; }
}
