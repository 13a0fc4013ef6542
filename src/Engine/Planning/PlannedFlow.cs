using System.Collections.Immutable;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Planning;

/// <summary>
/// A nested flow with a <c>when</c> (SPEC §3.5): decided once, when its first tasks become ready; false skips each of
/// <see cref="Tasks"/>. <see cref="Needs"/> are the symbols its <c>when</c> reads that tasks provide.
/// </summary>
public sealed record PlannedFlow(FlowNode Node, ImmutableArray<string> Tasks, ImmutableArray<string> Needs)
{
    /// <summary>The flow's name, or where it is in the definition.</summary>
    public string Label => Node.Name ?? Node.Path;
}
