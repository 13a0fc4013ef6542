using System.Collections.Immutable;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>The read definition indexed for the rules: parents, providers, requirements, subtree summaries and graph edges.</summary>
internal sealed class FlowStructure
{
    private readonly Dictionary<FlowItem, FlowNode> _parents = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FlowItem, int> _indexes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FlowItem, HashSet<string>> _provides = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FlowItem, HashSet<string>> _needs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FlowNode, SiblingGraph> _graphs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TaskNode, ImmutableArray<Requirement>> _requirements = new(ReferenceEqualityComparer.Instance);
    private readonly ImmutableHashSet<string> _untypedFlows;

    public FlowStructure(DefinitionDraft draft)
    {
        Definition = draft.Definition;
        TaskCount = draft.TaskCount;
        _untypedFlows = draft.UntypedFlows;

        var items = new List<FlowItem> { Definition.Flow };
        var tasks = new List<TaskNode>();
        Index(Definition.Flow, items, tasks);
        Items = items;
        Tasks = tasks;

        Inputs = Definition.Input.Where(NameRule.IsValidSymbol).ToHashSet(StringComparer.Ordinal);
        var providers = new Dictionary<string, List<TaskNode>>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            foreach (var name in task.ProvidedSymbols.Where(NameRule.IsValidSymbol).Distinct(StringComparer.Ordinal))
            {
                if (!providers.TryGetValue(name, out var list))
                {
                    providers[name] = list = [];
                }

                list.Add(task);
            }
        }

        Providers = providers;
        ScopeProviders = ScopeProvidersOf(items);
        KnownSymbols = Inputs.Concat(providers.Keys).Concat(ScopeProviders.Keys).ToHashSet(StringComparer.Ordinal);
    }

    public WorkflowDefinition Definition { get; }

    public int TaskCount { get; }

    /// <summary>Every item in document order, the root flow first.</summary>
    public IReadOnlyList<FlowItem> Items { get; }

    public IReadOnlyList<TaskNode> Tasks { get; }

    public IReadOnlySet<string> Inputs { get; }

    /// <summary>Symbol → the tasks providing it, in document order.</summary>
    public IReadOnlyDictionary<string, List<TaskNode>> Providers { get; }

    /// <summary>Symbols a retry scope provides (SPEC §5.3): where it is declared, and the tasks of its scope, in order.</summary>
    public IReadOnlyDictionary<string, (string Path, IReadOnlyList<TaskNode> Scope)> ScopeProviders { get; }

    public IReadOnlySet<string> KnownSymbols { get; }

    public static string Label(FlowItem item) => item switch
    {
        TaskNode task when task.Name.Length > 0 => task.Name,
        CheckpointNode checkpoint when checkpoint.Name.Length > 0 => checkpoint.Name,
        FlowNode { Name: { Length: > 0 } name } => name,
        _ => item.Path,
    };

    /// <summary>False when the flow's <c>type</c> could not be read; type-dependent rules then stay silent.</summary>
    public bool IsTyped(FlowNode flow) => !_untypedFlows.Contains(flow.Path);

    public FlowNode? ParentOf(FlowItem item) => _parents.GetValueOrDefault(item);

    /// <summary>Whether <paramref name="task"/> runs only if a <c>when</c> says so: its own, or an enclosing flow's (SPEC §3.5).</summary>
    public bool IsConditional(TaskNode task)
    {
        if (task.When is not null)
        {
            return true;
        }

        for (var flow = ParentOf(task); flow is not null; flow = ParentOf(flow))
        {
            if (flow.When is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The flows with <c>for_each</c> that enclose <paramref name="item"/>, innermost first.</summary>
    public IEnumerable<FlowNode> FannedOutFlowsAround(FlowItem item)
    {
        for (var flow = ParentOf(item); flow is not null; flow = ParentOf(flow))
        {
            if (flow.ForEach is not null)
            {
                yield return flow;
            }
        }
    }

    /// <summary>Every nested flow, in document order.</summary>
    public IEnumerable<FlowNode> Flows => Items.OfType<FlowNode>();

    public int IndexOf(FlowItem item) => _indexes.GetValueOrDefault(item);

    public ImmutableArray<Requirement> RequirementsOf(TaskNode task)
    {
        if (!_requirements.TryGetValue(task, out var requirements))
        {
            var builder = ImmutableArray.CreateBuilder<Requirement>();
            builder.AddRange(task.InputReferences(KnownSymbols).Select(r => new Requirement(r.Path, r.Symbol, InRevert: false)));
            var requiresPath = DefinitionPath.Property(task.Path, "requires");
            for (var i = 0; i < task.Requires.Length; i++)
            {
                if (NameRule.IsValidSymbol(task.Requires[i]))
                {
                    builder.Add(new Requirement(DefinitionPath.Index(requiresPath, i), task.Requires[i], InRevert: false));
                }
            }

            builder.AddRange((task.When?.Symbols ?? []).Select(symbol => new Requirement(DefinitionPath.Property(task.Path, "when"), symbol, InRevert: false)));
            if (task.ForEach is { } fanOut)
            {
                builder.Add(new Requirement(DefinitionPath.Property(task.Path, "for_each"), fanOut.Source.Resolve(KnownSymbols).Root, InRevert: false));
            }

            builder.AddRange(task.RevertReferences(KnownSymbols).Select(r => new Requirement(r.Path, r.Symbol, InRevert: true)));

            // SPEC §3.6: inside a fanned-out flow, its 'as' names the element; it is no symbol to provide.
            var elements = FannedOutFlowsAround(task).Select(f => f.ForEach!.As).ToHashSet(StringComparer.Ordinal);
            requirements = elements.Count == 0 ? builder.ToImmutable() : [.. builder.Where(r => !elements.Contains(r.Symbol))];
            _requirements[task] = requirements;
        }

        return requirements;
    }

    /// <summary>Symbols provided by the tasks of <paramref name="item"/>'s subtree.</summary>
    public IReadOnlySet<string> ProvidesOf(FlowItem item)
    {
        if (!_provides.TryGetValue(item, out var provides))
        {
            provides = item switch
            {
                TaskNode task => task.ProvidedSymbols.ToHashSet(StringComparer.Ordinal),
                FlowNode flow => flow.Items.SelectMany(ProvidesOf).ToHashSet(StringComparer.Ordinal),
                _ => [],
            };
            _provides[item] = provides;
        }

        return provides;
    }

    /// <summary>Symbols that <paramref name="item"/>'s subtree needs from outside itself (definition inputs excluded).</summary>
    public IReadOnlySet<string> NeedsOf(FlowItem item)
    {
        if (!_needs.TryGetValue(item, out var needs))
        {
            needs = item switch
            {
                TaskNode task => RequirementsOf(task).Select(r => r.Symbol).ToHashSet(StringComparer.Ordinal),
                FlowNode flow => flow.Items.SelectMany(NeedsOf).Concat(flow.When?.Symbols ?? [])
                    .Concat(flow.ForEach is { } fanOut ? [fanOut.Source.Resolve(KnownSymbols).Root] : []).ToHashSet(StringComparer.Ordinal),
                _ => [],
            };
            needs.ExceptWith(ProvidesOf(item));
            needs.ExceptWith(Inputs);
            _needs[item] = needs;
        }

        return needs;
    }

    /// <summary>Task and nested-flow names usable in <c>after</c> by the items of <paramref name="flow"/>, first occurrence wins.</summary>
    public static IReadOnlyDictionary<string, FlowItem> SiblingNames(FlowNode flow)
    {
        var names = new Dictionary<string, FlowItem>(StringComparer.Ordinal);
        foreach (var item in flow.Items)
        {
            var name = item switch
            {
                TaskNode task => task.Name,
                FlowNode nested => nested.Name,
                _ => null,
            };
            if (name is not null && NameRule.IsValid(name))
            {
                names.TryAdd(name, item);
            }
        }

        return names;
    }

    public SiblingGraph GraphOf(FlowNode flow)
    {
        if (_graphs.TryGetValue(flow, out var graph))
        {
            return graph;
        }

        var nodes = flow.Items.Where(i => i is TaskNode or FlowNode).ToImmutableArray();
        var successors = nodes.Select(_ => new SortedSet<int>()).ToArray();
        var byProvided = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Length; i++)
        {
            foreach (var symbol in ProvidesOf(nodes[i]))
            {
                if (!byProvided.TryGetValue(symbol, out var list))
                {
                    byProvided[symbol] = list = [];
                }

                list.Add(i);
            }
        }

        var byName = SiblingNames(flow);
        for (var to = 0; to < nodes.Length; to++)
        {
            foreach (var symbol in NeedsOf(nodes[to]))
            {
                foreach (var from in byProvided.GetValueOrDefault(symbol) ?? [])
                {
                    if (from != to)
                    {
                        successors[from].Add(to);
                    }
                }
            }

            var after = nodes[to] switch
            {
                TaskNode task => task.After,
                FlowNode nested => nested.After,
                _ => [],
            };
            foreach (var name in after)
            {
                if (byName.TryGetValue(name, out var before) && nodes.IndexOf(before, ReferenceEqualityComparer.Instance) is var from and >= 0 && from != to)
                {
                    successors[from].Add(to);
                }
            }
        }

        graph = new SiblingGraph(nodes, [.. successors.Select(s => s.ToImmutableArray())]);
        _graphs[flow] = graph;
        return graph;
    }

    /// <summary>A nested flow's retry covers its tasks; a checkpoint's, the items after it up to the next checkpoint.</summary>
    private static Dictionary<string, (string Path, IReadOnlyList<TaskNode> Scope)> ScopeProvidersOf(IEnumerable<FlowItem> items)
    {
        var scopes = new Dictionary<string, (string Path, IReadOnlyList<TaskNode> Scope)>(StringComparer.Ordinal);
        foreach (var flow in items.OfType<FlowNode>())
        {
            if (flow.Retry?.Provides is { } name)
            {
                scopes.TryAdd(name, (DefinitionPath.Property(DefinitionPath.Property(flow.Path, "retry"), "provides"), [.. flow.Tasks()]));
            }

            for (var i = 0; i < flow.Items.Length; i++)
            {
                if (flow.Items[i] is CheckpointNode { Retry.Provides: { } provided } checkpoint)
                {
                    var scope = flow.Items.Skip(i + 1).TakeWhile(item => item is not CheckpointNode)
                        .SelectMany(item => item switch { TaskNode task => [task], FlowNode nested => nested.Tasks(), _ => [] })
                        .ToList();
                    scopes.TryAdd(provided, (DefinitionPath.Property(DefinitionPath.Property(checkpoint.Path, "retry"), "provides"), scope));
                }
            }
        }

        return scopes;
    }

    private void Index(FlowNode flow, List<FlowItem> items, List<TaskNode> tasks)
    {
        for (var i = 0; i < flow.Items.Length; i++)
        {
            var item = flow.Items[i];
            _parents[item] = flow;
            _indexes[item] = i;
            items.Add(item);
            switch (item)
            {
                case TaskNode task:
                    tasks.Add(task);
                    break;
                case FlowNode nested:
                    Index(nested, items, tasks);
                    break;
                default:
                    break;
            }
        }
    }
}
