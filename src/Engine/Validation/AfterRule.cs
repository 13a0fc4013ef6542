using System.Collections.Immutable;
using WfaaS.Engine.Binding;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>SPEC §3.1: <c>after</c> only on items of a graph flow, naming sibling tasks or named nested flows.</summary>
internal sealed class AfterRule : IDefinitionRule
{
    public void Check(FlowStructure structure, ErrorList errors)
    {
        foreach (var item in structure.Items)
        {
            var (after, name) = item switch
            {
                TaskNode task => (task.After, task.Name),
                FlowNode flow => (flow.After, flow.Name),
                _ => (ImmutableArray<string>.Empty, null),
            };
            if (after.IsDefaultOrEmpty)
            {
                continue;
            }

            var afterPath = DefinitionPath.Property(item.Path, "after");
            var parent = structure.ParentOf(item);
            if (parent is null)
            {
                errors.Add(afterPath, "'after' is only allowed on items of a graph flow; the root flow has no siblings");
                continue;
            }

            if (!structure.IsTyped(parent))
            {
                continue;
            }

            if (parent.Type != FlowType.Graph)
            {
                errors.Add(afterPath, $"'after' is only allowed on items of a graph flow, not of {(parent.Type == FlowType.Linear ? "a linear" : "an unordered")} flow");
                continue;
            }

            var siblings = FlowStructure.SiblingNames(parent);
            for (var i = 0; i < after.Length; i++)
            {
                var sibling = after[i];
                if (!NameRule.IsValid(sibling))
                {
                    continue;
                }

                if (sibling == name)
                {
                    errors.Add(DefinitionPath.Index(afterPath, i), $"'{sibling}' cannot be after itself");
                }
                else if (!siblings.ContainsKey(sibling))
                {
                    errors.Add(DefinitionPath.Index(afterPath, i), $"'{Text.Truncate(sibling)}' is not a task or named flow of the same graph flow");
                }
            }
        }
    }
}
