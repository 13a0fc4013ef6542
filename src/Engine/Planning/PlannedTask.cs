using System.Collections.Immutable;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Planning;

/// <summary>
/// A task in the plan. It is ready when every one of <see cref="Predecessors"/> has succeeded (SPEC §5.1);
/// it is reverted only after every one of <see cref="Successors"/> that ran has been reverted (SPEC §5.2).
/// </summary>
public sealed record PlannedTask(
    TaskNode Node,
    int Order,
    ImmutableArray<string> Predecessors,
    ImmutableArray<string> Successors)
{
    public string Name => Node.Name;
}
