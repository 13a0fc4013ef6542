using System.Collections.Immutable;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Planning;

/// <summary>
/// A task in the plan. It is ready when every one of <see cref="Predecessors"/> has succeeded or been skipped (SPEC §5.1);
/// it is reverted only after every one of <see cref="Successors"/> that ran has been reverted (SPEC §5.2). When ready,
/// the <c>when</c> of each of <see cref="Conditions"/> (its enclosing nested flows, outermost first) is decided, then its own;
/// it is skipped if a symbol it <see cref="Needs"/> had every provider skipped (SPEC §3.5).
/// </summary>
public sealed record PlannedTask(
    TaskNode Node,
    int Order,
    ImmutableArray<string> Predecessors,
    ImmutableArray<string> Successors,
    ImmutableArray<PlannedFlow> Conditions,
    ImmutableArray<string> Needs)
{
    public string Name => Node.Name;

    /// <summary>
    /// For a fanned-out flow (SPEC §3.6), planned as one item named after the flow whose <see cref="Node"/>
    /// carries the flow's <c>for_each</c>, <c>when</c> and outside requirements: what each element runs.
    /// </summary>
    public ElementPlan? Element { get; init; }

    /// <summary>The symbols this item provides: its task's, or every task's of its fanned-out flow (as arrays).</summary>
    public ImmutableArray<string> Provided => Element?.Provided ?? Node.ProvidedSymbols;
}
