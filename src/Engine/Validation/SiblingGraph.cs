using System.Collections.Immutable;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>
/// The items of one graph flow (tasks and nested flows) with an edge from each item to those that must wait for it:
/// inferred from data (a sibling whose subtree provides what another's subtree needs from outside) and from <c>after</c>.
/// </summary>
internal sealed class SiblingGraph
{
    private readonly Dictionary<int, HashSet<int>> _reachable = [];
    private readonly Dictionary<FlowItem, int> _index = new(ReferenceEqualityComparer.Instance);

    public SiblingGraph(ImmutableArray<FlowItem> nodes, ImmutableArray<ImmutableArray<int>> successors)
    {
        Nodes = nodes;
        Successors = successors;
        for (var i = 0; i < nodes.Length; i++)
        {
            _index[nodes[i]] = i;
        }
    }

    public ImmutableArray<FlowItem> Nodes { get; }

    /// <summary>Ascending, without repeats or self-loops.</summary>
    public ImmutableArray<ImmutableArray<int>> Successors { get; }

    public int IndexOf(FlowItem item) => _index.TryGetValue(item, out var index) ? index : -1;

    /// <summary>True when <paramref name="from"/> is a (transitive) ancestor of <paramref name="to"/>.</summary>
    public bool Reaches(int from, int to)
    {
        if (!_reachable.TryGetValue(from, out var reachable))
        {
            reachable = [];
            var pending = new Stack<int>();
            pending.Push(from);
            while (pending.Count > 0)
            {
                foreach (var next in Successors[pending.Pop()])
                {
                    if (reachable.Add(next))
                    {
                        pending.Push(next);
                    }
                }
            }

            _reachable[from] = reachable;
        }

        return reachable.Contains(to);
    }
}
