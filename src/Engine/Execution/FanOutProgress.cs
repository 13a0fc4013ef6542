using System.Collections.Immutable;

namespace WfaaS.Engine.Execution;

/// <summary>
/// A <c>for_each</c> item's elements (SPEC §3.6). Only the elements in <see cref="Live"/> are in the
/// execution's state; the others have finished and were archived (<c>ArchiveTask</c>), so a step on
/// one element of a large fan-out reads and writes that element, not all of them. Gathering the
/// results and reverting need every element: the step asks for the archive (<see cref="StepResult.Needs"/>).
/// </summary>
/// <param name="Total">The array's length when the item fanned out.</param>
/// <param name="Started">Elements started so far, in index order.</param>
/// <param name="FailedBy">The element whose failure, one past <c>max_failures</c>, failed the item.</param>
public sealed record FanOutProgress(int Total, int Started, string? FailedBy = null)
{
    /// <summary>Indexes of the elements held in the state, ascending.</summary>
    public ImmutableArray<int> Live { get; init; } = [];

    /// <summary>Of <see cref="Live"/>, the elements brought back from the archive unchanged.</summary>
    public ImmutableArray<int> Loaded { get; init; } = [];

    /// <summary>How many archived elements failed (they count against <c>max_failures</c>).</summary>
    public int ArchivedFailures { get; init; }

    /// <summary>How many started elements are archived, out of the state.</summary>
    public int Archived => Started - Live.Length;
}
