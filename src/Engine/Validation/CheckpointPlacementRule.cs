using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>SPEC §3.1: a checkpoint is only a direct item of a linear flow.</summary>
internal sealed class CheckpointPlacementRule : IDefinitionRule
{
    public void Check(FlowStructure structure, ErrorList errors)
    {
        foreach (var checkpoint in structure.Items.OfType<CheckpointNode>())
        {
            if (structure.ParentOf(checkpoint) is { } parent && structure.IsTyped(parent) && parent.Type != FlowType.Linear)
            {
                errors.Add(checkpoint.Path, $"a checkpoint must be a direct item of a linear flow, not of {FlowTypeName(parent.Type)} flow");
            }
        }
    }

    private static string FlowTypeName(FlowType type) => type == FlowType.Graph ? "a graph" : "an unordered";
}
