using System.Collections.Immutable;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Planning;

/// <summary>
/// Compiles a validated definition into its <see cref="ExecutionPlan"/>, ordering tasks as TaskFlow
/// does (TASKFLOW.md rules 1–3): a linear flow chains its items, an unordered flow starts them all
/// together, a graph flow orders them by data and <c>after</c>; a nested flow is a black box whose
/// tasks all finish before anything that follows it starts.
/// </summary>
public static class PlanCompiler
{
    public static ExecutionPlan Compile(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var builder = new Builder(definition.Symbols());
        builder.Flow(definition.Flow, [], isRoot: true);
        return builder.Build(definition);
    }

    private sealed class Builder(IReadOnlySet<string> symbols)
    {
        private readonly List<(TaskNode Node, ImmutableArray<string> Predecessors, ImmutableArray<FlowNode> Conditions, ElementPlan? Element)> _tasks = [];
        private readonly Stack<FlowNode> _conditional = new();
        private readonly List<PlannedCheckpoint> _checkpoints = [];
        private readonly List<ScopeBuilder> _scopes = [];
        private readonly Stack<ScopeBuilder> _open = new();
        private readonly Dictionary<string, string> _taskScopes = new(StringComparer.Ordinal);

        /// <returns>The tasks whose success completes <paramref name="item"/>.</returns>
        public ImmutableArray<string> Item(FlowItem item, ImmutableArray<string> before) => item switch
        {
            TaskNode task => Task(task, before),
            FlowNode { ForEach: not null } flow => FannedOut(flow, before),
            FlowNode flow => Flow(flow, before, isRoot: false),
            _ => before,
        };

        public ImmutableArray<string> Flow(FlowNode flow, ImmutableArray<string> before, bool isRoot)
        {
            if (flow.Retry is { } retry)
            {
                Open($"flow:{flow.Name ?? flow.Path}", retry);
            }

            if (flow.When is not null)
            {
                _conditional.Push(flow);
            }

            var exits = flow.Type switch
            {
                FlowType.Linear => Linear(flow, before, isRoot),
                FlowType.Unordered => [.. flow.Items.SelectMany(item => Item(item, before)).Distinct(StringComparer.Ordinal)],
                _ => Graph(flow, before),
            };
            if (flow.Retry is not null)
            {
                _open.Pop();
            }

            if (flow.When is not null)
            {
                _conditional.Pop();
            }

            return exits;
        }

        public ExecutionPlan Build(WorkflowDefinition definition)
        {
            var scopes = _scopes.Select(b => new RetryScope(b.Id, b.Policy, [.. b.Tasks], b.Parent)).ToImmutableArray();
            return new ExecutionPlan(definition, PlannedTasks(), [.. _checkpoints], scopes, _taskScopes.ToImmutableDictionary(StringComparer.Ordinal));
        }

        private ImmutableArray<PlannedTask> PlannedTasks()
        {
            var successors = _tasks.ToDictionary(t => t.Node.Name, _ => new List<string>(), StringComparer.Ordinal);
            foreach (var (node, predecessors, _, _) in _tasks)
            {
                foreach (var predecessor in predecessors)
                {
                    successors[predecessor].Add(node.Name);
                }
            }

            var provided = _tasks.SelectMany(t => t.Element?.Provided ?? t.Node.ProvidedSymbols).ToHashSet(StringComparer.Ordinal);
            var flows = new Dictionary<FlowNode, PlannedFlow>(ReferenceEqualityComparer.Instance);
            PlannedFlow Planned(FlowNode flow)
            {
                if (!flows.TryGetValue(flow, out var planned))
                {
                    flows[flow] = planned = new PlannedFlow(
                        flow, [.. ItemNames(flow)], [.. flow.When!.Symbols.Where(provided.Contains)]);
                }

                return planned;
            }

            return
            [
                .. _tasks.Select((t, order) => new PlannedTask(
                    t.Node, order, t.Predecessors, [.. successors[t.Node.Name]], [.. t.Conditions.Select(Planned)],
                    [.. t.Node.RequiredSymbols(symbols).Where(provided.Contains)]) { Element = t.Element }),
            ];
        }

        /// <summary>
        /// SPEC §3.6: a fanned-out flow is one item of the plan, named after the flow; its tasks are planned once, apart,
        /// as what each element runs. The item requires what the flow's tasks read from outside it.
        /// </summary>
        private ImmutableArray<string> FannedOut(FlowNode flow, ImmutableArray<string> before)
        {
            var inner = new Builder(symbols);
            inner.Flow(flow with { ForEach = null, When = null, Retry = null }, [], isRoot: false);
            var element = new ElementPlan(flow, inner.PlannedTasks());
            var outside = flow.Tasks()
                .SelectMany(t => t.RequiredSymbols(symbols).Concat(t.RevertRequiredSymbols(symbols)))
                .Where(s => s != flow.ForEach!.As && !element.Provided.Contains(s))
                .Distinct(StringComparer.Ordinal);
            var item = new TaskNode(
                flow.Name!, ElementPlan.Action, null, [.. outside], null, null, null, null, null, flow.After, null, flow.Path, flow.When, flow.ForEach);
            return Task(item, before, element);
        }

        private ImmutableArray<string> Task(TaskNode task, ImmutableArray<string> before, ElementPlan? element = null)
        {
            _tasks.Add((task, before, [.. _conditional.Reverse()], element));
            foreach (var scope in _open)
            {
                scope.Tasks.Add(task.Name);
            }

            if (_open.TryPeek(out var innermost))
            {
                _taskScopes[task.Name] = innermost.Id;
            }

            return [task.Name];
        }

        private ImmutableArray<string> Linear(FlowNode flow, ImmutableArray<string> before, bool isRoot)
        {
            var current = before;
            var done = new List<string>();
            var checkpointScope = false;
            foreach (var item in flow.Items)
            {
                if (item is CheckpointNode checkpoint)
                {
                    _checkpoints.Add(new PlannedCheckpoint(checkpoint, [.. before.Concat(done).Distinct(StringComparer.Ordinal)], isRoot));
                    if (checkpointScope)
                    {
                        _open.Pop();
                    }

                    checkpointScope = checkpoint.Retry is not null;
                    if (checkpoint.Retry is { } retry)
                    {
                        Open($"checkpoint:{checkpoint.Name}", retry);
                    }

                    continue;
                }

                var start = _tasks.Count;
                current = Item(item, current);
                done.AddRange(_tasks.Skip(start).Select(t => t.Node.Name));
            }

            if (checkpointScope)
            {
                _open.Pop();
            }

            return current;
        }

        private ImmutableArray<string> Graph(FlowNode flow, ImmutableArray<string> before)
        {
            var items = flow.Items;
            var edges = SiblingEdges(items);
            var exits = new ImmutableArray<string>[items.Length];
            foreach (var index in TopologicalOrder(items.Length, edges))
            {
                var itemBefore = before
                    .Concat(edges.Where(e => e.To == index).SelectMany(e => exits[e.From]))
                    .Distinct(StringComparer.Ordinal)
                    .ToImmutableArray();
                exits[index] = Item(items[index], itemBefore);
            }

            return [.. exits.SelectMany(e => e).Distinct(StringComparer.Ordinal)];
        }

        private void Open(string id, ScopeRetry policy)
        {
            var scope = new ScopeBuilder(id, policy, _open.TryPeek(out var parent) ? parent.Id : null);
            _scopes.Add(scope);
            _open.Push(scope);
        }

        private sealed record ScopeBuilder(string Id, ScopeRetry Policy, string? Parent)
        {
            public List<string> Tasks { get; } = [];
        }

        /// <summary>P → C when C's subtree needs a symbol P's subtree provides, or C is <c>after</c> P.</summary>
        private List<(int From, int To)> SiblingEdges(ImmutableArray<FlowItem> items)
        {
            var provides = items.Select(Provided).ToArray();
            var requires = items.Select((item, i) => Required(item).Except(provides[i]).ToHashSet(StringComparer.Ordinal)).ToArray();
            var names = items.Select(ItemName).ToArray();
            var edges = new List<(int From, int To)>();
            for (var to = 0; to < items.Length; to++)
            {
                var after = After(items[to]);
                for (var from = 0; from < items.Length; from++)
                {
                    if (from != to && (requires[to].Overlaps(provides[from]) || (names[from] is { } name && after.Contains(name))))
                    {
                        edges.Add((from, to));
                    }
                }
            }

            return edges;
        }

        private static IEnumerable<int> TopologicalOrder(int count, List<(int From, int To)> edges)
        {
            var indegree = new int[count];
            foreach (var (_, to) in edges)
            {
                indegree[to]++;
            }

            var ready = new SortedSet<int>(Enumerable.Range(0, count).Where(i => indegree[i] == 0));
            while (ready.Count > 0)
            {
                var next = ready.Min;
                ready.Remove(next);
                yield return next;
                foreach (var (_, to) in edges.Where(e => e.From == next))
                {
                    if (--indegree[to] == 0)
                    {
                        ready.Add(to);
                    }
                }
            }
        }

        private static HashSet<string> Provided(FlowItem item) => item switch
        {
            TaskNode task => task.ProvidedSymbols.ToHashSet(StringComparer.Ordinal),
            FlowNode flow => flow.ProvidedSymbols().ToHashSet(StringComparer.Ordinal),
            _ => [],
        };

        /// <summary>What the item's tasks read, revert input included, as the validator's sibling graph counts it.</summary>
        private IEnumerable<string> Required(FlowItem item) => item switch
        {
            TaskNode task => task.RequiredSymbols(symbols).Concat(task.RevertRequiredSymbols(symbols)),
            FlowNode flow => flow.Tasks().SelectMany(t => t.RequiredSymbols(symbols).Concat(t.RevertRequiredSymbols(symbols)))
                .Concat(Flows(flow).SelectMany(f => f.When?.Symbols ?? []))
                .Concat(flow.ForEach is { } fanOut ? [fanOut.Source.Resolve(symbols).Root] : []),
            _ => [],
        };

        /// <summary>The plan's items a flow holds: its tasks, a fanned-out flow inside it as one item.</summary>
        private static IEnumerable<string> ItemNames(FlowNode flow) => flow.Items.SelectMany(item => item switch
        {
            TaskNode task => [task.Name],
            FlowNode { ForEach: not null } nested => [nested.Name!],
            FlowNode nested => ItemNames(nested),
            _ => [],
        });

        private static IEnumerable<FlowNode> Flows(FlowNode flow) =>
            flow.Items.OfType<FlowNode>().SelectMany(nested => Flows(nested).Prepend(nested)).Prepend(flow);

        private static string? ItemName(FlowItem item) => item switch
        {
            TaskNode task => task.Name,
            FlowNode flow => flow.Name,
            _ => null,
        };

        private static ImmutableArray<string> After(FlowItem item) => item switch
        {
            TaskNode task => task.After,
            FlowNode flow => flow.After,
            _ => [],
        };
    }
}
