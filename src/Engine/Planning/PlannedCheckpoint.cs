using System.Collections.Immutable;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Planning;

/// <summary>A checkpoint is REACHED when every task of <see cref="Before"/> has succeeded (SPEC §5.5).</summary>
/// <param name="Node">The checkpoint as defined.</param>
/// <param name="Before">Every task of the items before it in its linear flow, and of what precedes that flow.</param>
/// <param name="InRootFlow">A direct item of the root flow (the ones <c>revert_to_checkpoint</c> uses).</param>
public sealed record PlannedCheckpoint(CheckpointNode Node, ImmutableArray<string> Before, bool InRootFlow)
{
    public string Name => Node.Name;
}
