namespace WfaaS.Storage.Entities;

/// <summary>A cron trigger (SPEC §6 <c>/triggers</c>): the row is the record; Hangfire's recurring job only fires it.</summary>
public sealed class TriggerEntity
{
    public required string Name { get; set; }
    public required string Workflow { get; set; }
    public required string InputJson { get; set; }
    public required string Cron { get; set; }
    public string? TimeZone { get; set; }
    public DateTime CreatedAt { get; set; }
}
