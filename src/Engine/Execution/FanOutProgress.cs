namespace WfaaS.Engine.Execution;

/// <summary>A <c>for_each</c> item's elements (SPEC §3.6): how many there are, how many have started, and which one failed it.</summary>
/// <param name="Total">The array's length when the item fanned out.</param>
/// <param name="Started">Elements started so far, in index order.</param>
/// <param name="FailedBy">The element whose failure, one past <c>max_failures</c>, failed the item.</param>
public sealed record FanOutProgress(int Total, int Started, string? FailedBy = null);
