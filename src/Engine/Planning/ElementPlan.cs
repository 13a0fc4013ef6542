using System.Collections.Frozen;
using System.Collections.Immutable;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Planning;

/// <summary>
/// SPEC §3.6: what one element of a fanned-out flow runs — the flow's tasks, planned once, ordered among
/// themselves as the flow says (linear, unordered, graph, nesting inside). Element <c>i</c>'s instance of
/// task <c>install</c> is the task detail <c>deploy[i].install</c>; its predecessors and successors are
/// the same element's instances of <see cref="PlannedTask.Predecessors"/> and <see cref="PlannedTask.Successors"/>.
/// </summary>
public sealed class ElementPlan
{
    /// <summary>The action a fanned-out flow's item shows (in <c>/tasks</c>); no task may name it, and it never runs.</summary>
    public const string Action = "flow";

    internal ElementPlan(FlowNode flow, ImmutableArray<PlannedTask> tasks)
    {
        Flow = flow;
        Tasks = tasks;
        TasksByName = tasks.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        Provided = flow.ProvidedSymbols();
    }

    public FlowNode Flow { get; }

    /// <summary>The flow's tasks, in document order.</summary>
    public ImmutableArray<PlannedTask> Tasks { get; }

    public FrozenDictionary<string, PlannedTask> TasksByName { get; }

    /// <summary>The symbols the flow's tasks provide: local to an element, the array of the elements' values outside.</summary>
    public ImmutableArray<string> Provided { get; }
}
