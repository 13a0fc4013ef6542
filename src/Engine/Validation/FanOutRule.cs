using System.Globalization;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>
/// SPEC §3.6: the name <c>as</c> gives an element is the element's own; it may not hide a symbol of the definition.
/// A fanned-out flow runs its items once per element: what it holds must make sense per element (docs/decisions.md):
/// no checkpoint, no retry scope, no <c>for_each</c> and no <c>when</c> inside it, and its instance names
/// (<c>deploy[9999].install</c>) fit where task names are stored.
/// </summary>
internal sealed class FanOutRule : IDefinitionRule
{
    /// <summary>Task names are stored in columns of this many characters (timers, tokens).</summary>
    public const int MaxInstanceName = 100;

    public void Check(FlowStructure structure, ErrorList errors)
    {
        foreach (var task in structure.Tasks)
        {
            if (task.ForEach is { } fanOut && (structure.Inputs.Contains(fanOut.As) || structure.Providers.ContainsKey(fanOut.As)))
            {
                errors.Add(DefinitionPath.Property(task.Path, task.ForEach.As == FanOut.DefaultAs ? "for_each" : "as"),
                    $"each element is named '{fanOut.As}', which is already a symbol of the definition; name it otherwise with 'as'");
            }
        }

        foreach (var flow in structure.Flows.Where(f => f.ForEach is not null))
        {
            CheckFlow(structure, flow, flow.ForEach!, errors);
        }
    }

    private static void CheckFlow(FlowStructure structure, FlowNode flow, FanOut fanOut, ErrorList errors)
    {
        if (structure.Inputs.Contains(fanOut.As) || structure.Providers.ContainsKey(fanOut.As) || structure.ScopeProviders.ContainsKey(fanOut.As))
        {
            errors.Add(DefinitionPath.Property(flow.Path, fanOut.As == FanOut.DefaultAs ? "for_each" : "as"),
                $"each element is named '{fanOut.As}', which is already a symbol of the definition; name it otherwise with 'as'");
        }

        if (structure.FannedOutFlowsAround(flow).Any())
        {
            errors.Add(DefinitionPath.Property(flow.Path, "for_each"), "a flow with 'for_each' inside another flow with 'for_each' is not supported");
            return;
        }

        var suffix = $"[{(FanOut.MaxElements - 1).ToString(CultureInfo.InvariantCulture)}].";
        foreach (var item in Inside(flow))
        {
            switch (item)
            {
                case CheckpointNode checkpoint:
                    errors.Add(checkpoint.Path, $"a checkpoint inside flow '{flow.Name}', which has 'for_each', is not supported");
                    break;
                case FlowNode { Retry: not null } nested:
                    errors.Add(DefinitionPath.Property(nested.Path, "retry"), $"a retry scope inside flow '{flow.Name}', which has 'for_each', is not supported");
                    break;
                case TaskNode task:
                    if (task.ForEach is not null)
                    {
                        errors.Add(DefinitionPath.Property(task.Path, "for_each"), $"'for_each' on a task inside flow '{flow.Name}', which has 'for_each', is not supported");
                    }

                    if (task.Name.Length > 0 && (flow.Name ?? string.Empty).Length + suffix.Length + task.Name.Length > MaxInstanceName)
                    {
                        errors.Add(DefinitionPath.Property(task.Path, "task"),
                            $"its instances are named '{flow.Name}{suffix}{task.Name}', longer than {MaxInstanceName} characters; shorten the flow's or the task's name");
                    }

                    break;
                default:
                    break;
            }

            if (item is TaskNode { When: not null } or FlowNode { When: not null })
            {
                errors.Add(DefinitionPath.Property(item.Path, "when"),
                    $"'when' inside flow '{flow.Name}', which has 'for_each', is not supported yet; put it on the flow itself");
            }
        }
    }

    /// <summary>Every item below <paramref name="flow"/>, in document order.</summary>
    private static IEnumerable<FlowItem> Inside(FlowNode flow)
    {
        foreach (var item in flow.Items)
        {
            yield return item;
            if (item is FlowNode nested)
            {
                foreach (var inner in Inside(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
