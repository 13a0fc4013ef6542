namespace WfaaS.Storage.Entities;

/// <summary>
/// A finished <c>for_each</c> element out of its execution's row (SPEC §3.6): a step on one element
/// of a large fan-out reads and writes that element, not all of them.
/// </summary>
public sealed class TaskInstanceEntity
{
    public Guid ExecutionId { get; set; }

    /// <summary>The element's name, <c>boot[2]</c>.</summary>
    public required string Name { get; set; }

    /// <summary>Its item's name, <c>boot</c>.</summary>
    public required string Item { get; set; }

    public int Index { get; set; }

    /// <summary>The task detail, as in the execution row's <c>data.tasks</c>.</summary>
    public required string Data { get; set; }
}
