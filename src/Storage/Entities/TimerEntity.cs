namespace WfaaS.Storage.Entities;

/// <summary>
/// A pending durable timer (SPEC §1): the row is the truth; an in-process wake-up and a Hangfire
/// job only act on it. The step that fires or cancels it deletes it.
/// </summary>
public sealed class TimerEntity
{
    public Guid ExecutionId { get; set; }

    /// <summary>The timer's number within its execution, given by the step function.</summary>
    public long Serial { get; set; }

    /// <summary>The task that owns it; null for the execution's own timers.</summary>
    public string? Task { get; set; }

    public required string Kind { get; set; }
    public DateTime DueAt { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the step span that wrote the row (SPEC §10), so the work it
    /// stands for joins that trace; null when nobody traced that step.
    /// </summary>
    public string? TraceParent { get; set; }
}
