using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>SPEC §3.1: task, flow and checkpoint names are unique within a definition (one namespace).</summary>
internal sealed class DuplicateNameRule : IDefinitionRule
{
    public void Check(FlowStructure structure, ErrorList errors)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in structure.Items)
        {
            var (name, namePath) = item switch
            {
                TaskNode task => (task.Name, DefinitionPath.Property(task.Path, "task")),
                CheckpointNode checkpoint => (checkpoint.Name, DefinitionPath.Property(checkpoint.Path, "checkpoint")),
                FlowNode flow => (flow.Name, DefinitionPath.Property(flow.Path, "name")),
                _ => (null, string.Empty),
            };
            if (name is null || !NameRule.IsValid(name))
            {
                continue;
            }

            if (first.TryGetValue(name, out var firstPath))
            {
                errors.Add(namePath, $"duplicate name '{name}' (first used at {firstPath})");
            }
            else
            {
                first[name] = item.Path;
            }
        }
    }
}
