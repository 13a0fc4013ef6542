using WfaaS.Engine.Definitions;
using WfaaS.Engine.Planning;

namespace WfaaS.Api.Pages.Graph;

/// <summary>
/// A simple layered layout of the compiled plan (SPEC §11): tasks and checkpoints are nodes, the
/// plan's predecessor links are edges (through a checkpoint where one stands between), each node's
/// layer is its longest path from a start, a layer is ordered as the document is and wrapped past
/// <see cref="MaxPerRow"/> nodes; each nested flow is a box around its tasks. Linear in the nodes
/// and edges, so a 1,000-task plan lays out in milliseconds.
/// </summary>
internal sealed class GraphLayout
{
    public const int NodeWidth = 176;
    public const int NodeHeight = 46;
    public const int FanOutHeight = 62;
    public const int GapX = 28;
    public const int GapY = 44;
    public const int Margin = 24;
    public const int MaxPerRow = 6;

    private GraphLayout(IReadOnlyList<LaidNode> nodes, IReadOnlyList<(int From, int To)> edges, IReadOnlyList<LaidFlow> flows, int width, int height)
    {
        Nodes = nodes;
        Edges = edges;
        Flows = flows;
        Width = width;
        Height = height;
    }

    public IReadOnlyList<LaidNode> Nodes { get; }

    public IReadOnlyList<(int From, int To)> Edges { get; }

    public IReadOnlyList<LaidFlow> Flows { get; }

    public int Width { get; }

    public int Height { get; }

    public static GraphLayout Of(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var nodes = new List<LaidNode>(plan.Tasks.Length + plan.Checkpoints.Length);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in plan.Tasks)
        {
            index[task.Name] = nodes.Count;
            nodes.Add(new LaidNode(task.Name, IsCheckpoint: false, task.Node.ForEach is not null, task.Order));
        }

        var edges = new HashSet<(int, int)>();
        var bypassed = new HashSet<(int, int)>();
        foreach (var checkpoint in plan.Checkpoints)
        {
            var before = checkpoint.Before.ToHashSet(StringComparer.Ordinal);
            var order = before.Count == 0 ? -0.5 : before.Max(t => plan.Task(t).Order) + 0.5;
            var at = nodes.Count;
            nodes.Add(new LaidNode(checkpoint.Name, IsCheckpoint: true, IsFanOut: false, order));
            foreach (var name in checkpoint.Before.Where(t => !plan.Task(t).Successors.Any(before.Contains)))
            {
                edges.Add((index[name], at));
            }

            foreach (var task in plan.Tasks.Where(t => !before.Contains(t.Name) && t.Predecessors.Any(before.Contains)))
            {
                edges.Add((at, index[task.Name]));
                foreach (var p in task.Predecessors.Where(before.Contains))
                {
                    bypassed.Add((index[p], index[task.Name]));
                }
            }
        }

        foreach (var task in plan.Tasks)
        {
            foreach (var p in task.Predecessors)
            {
                if (!bypassed.Contains((index[p], index[task.Name])))
                {
                    edges.Add((index[p], index[task.Name]));
                }
            }
        }

        var edgeList = edges.ToList();
        var layers = Layers(nodes.Count, edgeList);
        var rows = new List<List<int>>();
        foreach (var layer in Enumerable.Range(0, nodes.Count).GroupBy(i => layers[i]).OrderBy(g => g.Key))
        {
            rows.AddRange(layer.OrderBy(i => nodes[i].Order).Chunk(MaxPerRow).Select(c => c.ToList()));
        }

        var widest = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Count));
        var flows = NestedFlows(plan.Definition.Flow, 0).ToList();
        var pad = flows.Count == 0 ? 0 : 14 * (flows.Max(f => f.Depth) + 1);
        var width = (2 * Margin) + (2 * pad) + (widest * NodeWidth) + ((widest - 1) * GapX);
        var y = Margin + pad + 8;
        foreach (var row in rows)
        {
            var rowHeight = row.Any(i => nodes[i].IsFanOut) ? FanOutHeight : NodeHeight;
            var rowWidth = (row.Count * NodeWidth) + ((row.Count - 1) * GapX);
            var x = (width - rowWidth) / 2;
            foreach (var i in row)
            {
                nodes[i] = nodes[i] with { X = x, Y = y, Height = nodes[i].IsFanOut ? FanOutHeight : NodeHeight };
                x += NodeWidth + GapX;
            }

            y += rowHeight + GapY;
        }

        var laidFlows = new List<LaidFlow>();
        foreach (var flow in flows)
        {
            var members = flow.Tasks.Where(index.ContainsKey).Select(t => nodes[index[t]]).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            var inset = 14 * (flow.Height + 1);
            laidFlows.Add(flow with
            {
                X = members.Min(n => n.X) - inset,
                Y = members.Min(n => n.Y) - inset - 4,
                Width = members.Max(n => n.X + NodeWidth) - members.Min(n => n.X) + (2 * inset),
                BoxHeight = members.Max(n => n.Y + n.Height) - members.Min(n => n.Y) + (2 * inset) + 4,
            });
        }

        return new GraphLayout(nodes, edgeList, laidFlows, width, y - GapY + Margin + pad);
    }

    /// <summary>Longest path from a node without predecessors (Kahn's order); a node left in a cycle, which validation rules out, stays in layer 0.</summary>
    private static int[] Layers(int count, List<(int From, int To)> edges)
    {
        var incoming = new int[count];
        var outgoing = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            outgoing[i] = [];
        }

        foreach (var (from, to) in edges)
        {
            outgoing[from].Add(to);
            incoming[to]++;
        }

        var layer = new int[count];
        var ready = new Queue<int>(Enumerable.Range(0, count).Where(i => incoming[i] == 0));
        while (ready.TryDequeue(out var node))
        {
            foreach (var next in outgoing[node])
            {
                layer[next] = Math.Max(layer[next], layer[node] + 1);
                if (--incoming[next] == 0)
                {
                    ready.Enqueue(next);
                }
            }
        }

        return layer;
    }

    /// <summary>Every nested flow (the root is the picture itself), with how deep it sits and how many levels it holds.</summary>
    private static IEnumerable<LaidFlow> NestedFlows(FlowNode flow, int depth)
    {
        foreach (var nested in flow.Items.OfType<FlowNode>())
        {
            var inner = NestedFlows(nested, depth + 1).ToList();
            yield return new LaidFlow(nested.Name ?? nested.Path, nested.Type.ToString().ToLowerInvariant(), [.. nested.Tasks().Select(t => t.Name)], depth,
                inner.Count == 0 ? 0 : inner.Max(f => f.Height) + 1, nested.When is not null);
            foreach (var f in inner)
            {
                yield return f;
            }
        }
    }
}

/// <summary>A task or checkpoint and where it is drawn.</summary>
internal sealed record LaidNode(string Name, bool IsCheckpoint, bool IsFanOut, double Order)
{
    public int X { get; init; }

    public int Y { get; init; }

    public int Height { get; init; } = GraphLayout.NodeHeight;
}

/// <summary>A nested flow's box.</summary>
internal sealed record LaidFlow(string Label, string Type, IReadOnlyList<string> Tasks, int Depth, int Height, bool HasWhen)
{
    public int X { get; init; }

    public int Y { get; init; }

    public int Width { get; init; }

    public int BoxHeight { get; init; }
}
