using System.Collections.Immutable;
using WfaaS.Engine.Conditions;

namespace WfaaS.Engine.Definitions;

/// <summary>
/// A flow; <see cref="After"/> names sibling items when the parent is a graph flow; <see cref="When"/> decides whether a nested flow runs (SPEC §3.5);
/// <see cref="ForEach"/> runs a named nested flow once per element of an array (SPEC §3.6).
/// </summary>
public sealed record FlowNode(
    string? Name,
    FlowType Type,
    ImmutableArray<FlowItem> Items,
    ScopeRetry? Retry,
    ImmutableArray<string> After,
    string Path,
    Condition? When = null,
    FanOut? ForEach = null) : FlowItem(Path)
{
    /// <summary>Every task of this flow and of its nested flows, in document order.</summary>
    public IEnumerable<TaskNode> Tasks()
    {
        foreach (var item in Items)
        {
            switch (item)
            {
                case TaskNode task:
                    yield return task;
                    break;
                case FlowNode flow:
                    foreach (var nested in flow.Tasks())
                    {
                        yield return nested;
                    }

                    break;
            }
        }
    }

    /// <summary>Every symbol provided by a task of this flow or of its nested flows, in document order, without repeats.</summary>
    public ImmutableArray<string> ProvidedSymbols() =>
        [.. Tasks().SelectMany(t => t.ProvidedSymbols).Distinct(StringComparer.Ordinal)];
}
