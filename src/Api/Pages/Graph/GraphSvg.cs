using System.Globalization;
using System.Text;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;

namespace WfaaS.Api.Pages.Graph;

/// <summary>
/// SPEC §6 <c>graph.svg</c>, §11: the plan laid out by <see cref="GraphLayout"/>, each task coloured
/// by its live state, skipped ones dashed, a fan-out as one node with its elements' counts by state,
/// checkpoints as flags. Every task node is <c>&lt;g data-task data-state&gt;</c> with a
/// <c>&lt;title&gt;name: STATE&lt;/title&gt;</c>, so a screen reader and a test can read it. No
/// <c>style</c> attributes or scripts: the page's CSP allows neither.
/// </summary>
internal static class GraphSvg
{
    public static string Render(ExecutionState state, IReadOnlyList<TaskDetail> tasks)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(tasks);
        var layout = GraphLayout.Of(state.Plan);
        var elements = tasks.Where(t => t.Index is not null).ToLookup(t => InstanceName.ItemOf(t.Name), StringComparer.Ordinal);
        var svg = new StringBuilder(512 + (layout.Nodes.Count * 420));
        var status = WireNames.Of(state.Status);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{layout.Width}\" height=\"{layout.Height}\" viewBox=\"0 0 {layout.Width} {layout.Height}\" role=\"img\" aria-labelledby=\"graph-title\" font-family=\"system-ui, sans-serif\" font-size=\"12\" data-execution-state=\"{status}\">");
        svg.Append("<title id=\"graph-title\">").Append(Esc($"{state.Plan.Definition.Name}: {status}")).Append("</title>");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#64748b\"/></marker></defs>");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        foreach (var flow in layout.Flows.OrderBy(f => f.Depth))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g data-flow=\"{Esc(flow.Label)}\"><rect x=\"{flow.X}\" y=\"{flow.Y}\" width=\"{flow.Width}\" height=\"{flow.BoxHeight}\" rx=\"10\" fill=\"#f8fafc\" fill-opacity=\"0.6\" stroke=\"#94a3b8\" stroke-dasharray=\"3 3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{flow.X + 8}\" y=\"{flow.Y + 12}\" font-size=\"10\" fill=\"#475569\">{Esc(Short($"{flow.Label} ({flow.Type}{(flow.HasWhen ? ", when" : string.Empty)})", 40))}</text></g>");
        }

        foreach (var (from, to) in layout.Edges)
        {
            var a = layout.Nodes[from];
            var b = layout.Nodes[to];
            var x1 = a.X + (GraphLayout.NodeWidth / 2);
            var y1 = a.Y + a.Height;
            var x2 = b.X + (GraphLayout.NodeWidth / 2);
            var y2 = b.Y;
            var mid = (y1 + y2) / 2;
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x1},{y1} C{x1},{mid} {x2},{mid} {x2},{y2 - 2}\" fill=\"none\" stroke=\"#94a3b8\" stroke-width=\"1.4\" marker-end=\"url(#arrow)\"/>");
        }

        foreach (var node in layout.Nodes)
        {
            if (node.IsCheckpoint)
            {
                Checkpoint(svg, node, state.Checkpoints.GetValueOrDefault(node.Name));
            }
            else
            {
                Task(svg, node, state.Tasks[node.Name], elements[node.Name].ToList());
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Task(StringBuilder svg, LaidNode node, TaskDetail task, List<TaskDetail> elements)
    {
        var state = WireNames.Of(task.Status);
        var (fill, stroke) = Colours(task.Status);
        var dashed = task.Status == TaskDetailStatus.Skipped ? " stroke-dasharray=\"6 4\"" : string.Empty;
        svg.Append(CultureInfo.InvariantCulture, $"<g data-task=\"{Esc(node.Name)}\" data-state=\"{state}\"");
        string? counts = null;
        if (node.IsFanOut)
        {
            var byState = elements.GroupBy(e => WireNames.Of(e.Status)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            if (task.FanOut is { } fanOut && fanOut.Total > fanOut.Started)
            {
                byState["PENDING"] = byState.GetValueOrDefault("PENDING") + (fanOut.Total - fanOut.Started);
            }

            counts = string.Join(" · ", byState.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
            svg.Append(CultureInfo.InvariantCulture, $" data-fan-out=\"{task.FanOut?.Total ?? 0}\" data-counts=\"{Esc(counts)}\"");
        }

        svg.Append(CultureInfo.InvariantCulture, $" transform=\"translate({node.X},{node.Y})\">");
        svg.Append("<title>").Append(Esc($"{node.Name}: {state}")).Append("</title>");
        if (counts is not null)
        {
            svg.Append("<desc>").Append(Esc($"for_each over {task.FanOut?.Total ?? 0} elements: {(counts.Length == 0 ? "none started" : counts)}")).Append("</desc>");
            // A stack of cards: one node standing for many elements.
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"5\" y=\"-5\" width=\"{GraphLayout.NodeWidth}\" height=\"{node.Height}\" rx=\"7\" fill=\"{fill}\" stroke=\"{stroke}\"{dashed}/>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{GraphLayout.NodeWidth}\" height=\"{node.Height}\" rx=\"7\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dashed}/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"18\" font-weight=\"600\" fill=\"#0f172a\">{Esc(Short(node.Name + (node.IsFanOut ? $" ×{task.FanOut?.Total ?? 0}" : string.Empty), 24))}</text>");
        var second = task.Attempt > 1 ? $"{state} · attempt {task.Attempt}" : state;
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"35\" font-size=\"11\" fill=\"#334155\">{Esc(second)}</text>");
        if (counts is { Length: > 0 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"51\" font-size=\"10\" fill=\"#334155\">{Esc(Short(counts, 34))}</text>");
        }

        svg.Append("</g>");
    }

    private static void Checkpoint(StringBuilder svg, LaidNode node, CheckpointStatus status)
    {
        var state = WireNames.Of(status);
        var reached = status == CheckpointStatus.Reached;
        var cx = GraphLayout.NodeWidth / 2;
        svg.Append(CultureInfo.InvariantCulture, $"<g data-checkpoint=\"{Esc(node.Name)}\" data-state=\"{state}\" transform=\"translate({node.X},{node.Y})\">");
        svg.Append("<title>").Append(Esc($"checkpoint {node.Name}: {state}")).Append("</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<polygon points=\"{cx},2 {cx + 20},{node.Height / 2} {cx},{node.Height - 2} {cx - 20},{node.Height / 2}\" fill=\"{(reached ? "#2563eb" : "#ffffff")}\" stroke=\"#2563eb\" stroke-width=\"1.5\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{cx + 26}\" y=\"{(node.Height / 2) + 4}\" font-size=\"11\" fill=\"#1e3a8a\">{Esc(Short($"⚑ {node.Name} ({state})", 26))}</text></g>");
    }

    /// <summary>Fill and stroke per SPEC §4 task state.</summary>
    public static (string Fill, string Stroke) Colours(TaskDetailStatus status) => status switch
    {
        TaskDetailStatus.Pending => ("#f1f5f9", "#94a3b8"),
        TaskDetailStatus.Running => ("#bfdbfe", "#2563eb"),
        TaskDetailStatus.Waiting => ("#fde68a", "#d97706"),
        TaskDetailStatus.Retrying => ("#fed7aa", "#ea580c"),
        TaskDetailStatus.Success => ("#bbf7d0", "#16a34a"),
        TaskDetailStatus.Failure => ("#fecaca", "#dc2626"),
        TaskDetailStatus.Reverting => ("#e9d5ff", "#9333ea"),
        TaskDetailStatus.Reverted => ("#ddd6fe", "#6d28d9"),
        TaskDetailStatus.RevertFailure => ("#f87171", "#7f1d1d"),
        TaskDetailStatus.Skipped => ("#ffffff", "#64748b"),
        _ => ("#ffffff", "#000000"),
    };

    private static string Short(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string Esc(string text) => System.Security.SecurityElement.Escape(text);
}
