using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>
/// SPEC §3.3, TASKFLOW rule 4: no cycle among the items of a graph flow, from data or from <c>after</c>. Each elementary cycle
/// is reported once, starting at its first item in document order; enumeration is bounded, so a pathological graph reports
/// at least one cycle per strongly connected component rather than all of them.
/// </summary>
internal sealed class CycleRule : IDefinitionRule
{
    private const int MaxCyclesPerComponent = 10;
    private const int MaxStepsPerComponent = 20_000;

    public void Check(FlowStructure structure, ErrorList errors)
    {
        foreach (var flow in structure.Items.OfType<FlowNode>())
        {
            if (flow.Type != FlowType.Graph || !structure.IsTyped(flow))
            {
                continue;
            }

            var graph = structure.GraphOf(flow);
            foreach (var component in Components(graph).Where(c => c.Count > 1))
            {
                foreach (var cycle in Cycles(graph, component))
                {
                    var names = cycle.Append(cycle[0]).Select(i => FlowStructure.Label(graph.Nodes[i]));
                    errors.Add(flow.Path, "cycle: " + string.Join(" -> ", names));
                }
            }
        }
    }

    private static List<List<int>> Cycles(SiblingGraph graph, SortedSet<int> component)
    {
        var cycles = new List<List<int>>();
        var steps = 0;
        foreach (var start in component)
        {
            var path = new List<int> { start };
            var onPath = new HashSet<int> { start };
            var next = new Stack<int>();
            next.Push(0);
            while (next.Count > 0 && cycles.Count < MaxCyclesPerComponent && steps < MaxStepsPerComponent)
            {
                steps++;
                var node = path[^1];
                var position = next.Pop();
                var successors = graph.Successors[node];
                if (position >= successors.Length)
                {
                    onPath.Remove(node);
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                next.Push(position + 1);
                var successor = successors[position];
                if (successor == start)
                {
                    cycles.Add([.. path]);
                }
                else if (successor > start && component.Contains(successor) && onPath.Add(successor))
                {
                    path.Add(successor);
                    next.Push(0);
                }
            }
        }

        if (cycles.Count == 0)
        {
            cycles.Add(ShortestCycle(graph, component));
        }

        return cycles;
    }

    private static List<int> ShortestCycle(SiblingGraph graph, SortedSet<int> component)
    {
        var start = component.Min;
        var previous = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var successor in graph.Successors[node].Where(component.Contains))
            {
                if (successor == start)
                {
                    var cycle = new List<int> { node };
                    while (cycle[^1] != start)
                    {
                        cycle.Add(previous[cycle[^1]]);
                    }

                    cycle.Reverse();
                    return cycle;
                }

                if (previous.TryAdd(successor, node))
                {
                    queue.Enqueue(successor);
                }
            }
        }

        return [start];
    }

    /// <summary>Tarjan's strongly connected components, iterative so that a long chain cannot overflow the stack.</summary>
    private static List<SortedSet<int>> Components(SiblingGraph graph)
    {
        var count = graph.Nodes.Length;
        var index = new int[count];
        var low = new int[count];
        Array.Fill(index, -1);
        var onStack = new bool[count];
        var stack = new Stack<int>();
        var components = new List<SortedSet<int>>();
        var counter = 0;
        for (var root = 0; root < count; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            var work = new Stack<(int Node, int Position)>();
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (node, position) = work.Pop();
                if (position == 0)
                {
                    index[node] = low[node] = counter++;
                    stack.Push(node);
                    onStack[node] = true;
                }

                var successors = graph.Successors[node];
                if (position > 0)
                {
                    low[node] = Math.Min(low[node], low[successors[position - 1]]);
                }

                var descended = false;
                for (var i = position; i < successors.Length; i++)
                {
                    var successor = successors[i];
                    if (index[successor] < 0)
                    {
                        work.Push((node, i + 1));
                        work.Push((successor, 0));
                        descended = true;
                        break;
                    }

                    if (onStack[successor])
                    {
                        low[node] = Math.Min(low[node], index[successor]);
                    }
                }

                if (descended || low[node] != index[node])
                {
                    continue;
                }

                var component = new SortedSet<int>();
                int member;
                do
                {
                    member = stack.Pop();
                    onStack[member] = false;
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        return [.. components.OrderBy(c => c.Min)];
    }
}
