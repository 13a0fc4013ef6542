using System.Collections.Frozen;
using System.Collections.Immutable;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Planning;

/// <summary>
/// The immutable execution plan of one definition version, compiled once and shared by every
/// execution of that version: tasks with their predecessors and successors, checkpoints, symbols.
/// </summary>
public sealed class ExecutionPlan
{
    internal ExecutionPlan(
        WorkflowDefinition definition,
        ImmutableArray<PlannedTask> tasks,
        ImmutableArray<PlannedCheckpoint> checkpoints,
        ImmutableArray<RetryScope> scopes,
        ImmutableDictionary<string, string> taskScopes)
    {
        Providers = tasks.SelectMany(t => t.Provided.Distinct(StringComparer.Ordinal).Select(symbol => (symbol, t.Name)))
            .GroupBy(p => p.symbol, p => p.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        Scopes = scopes;
        ScopesById = scopes.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        TaskScopes = taskScopes.ToFrozenDictionary(StringComparer.Ordinal);
        Definition = definition;
        Tasks = tasks;
        Checkpoints = checkpoints;
        TasksByName = tasks.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        CheckpointsByName = checkpoints.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);
        Symbols = definition.Symbols().ToFrozenSet(StringComparer.Ordinal);
        ProvidedSymbols = [.. definition.Flow.ProvidedSymbols()];
    }

    public WorkflowDefinition Definition { get; }

    /// <summary>Every task, in document order.</summary>
    public ImmutableArray<PlannedTask> Tasks { get; }

    public FrozenDictionary<string, PlannedTask> TasksByName { get; }

    /// <summary>Every checkpoint, in document order.</summary>
    public ImmutableArray<PlannedCheckpoint> Checkpoints { get; }

    public FrozenDictionary<string, PlannedCheckpoint> CheckpointsByName { get; }

    /// <summary>Definition inputs and every provided symbol: what a placeholder's root may name.</summary>
    public FrozenSet<string> Symbols { get; }

    /// <summary>Symbols provided by tasks, in document order: the output when the definition names none.</summary>
    public ImmutableArray<string> ProvidedSymbols { get; }

    /// <summary>Retry scopes, outermost first.</summary>
    public ImmutableArray<RetryScope> Scopes { get; }

    public FrozenDictionary<string, RetryScope> ScopesById { get; }

    /// <summary>The innermost retry scope of each task that has one.</summary>
    public FrozenDictionary<string, string> TaskScopes { get; }

    /// <summary>Every provided symbol's providers; several only when each has a <c>when</c> (SPEC §3.5).</summary>
    public FrozenDictionary<string, ImmutableArray<string>> Providers { get; }

    public PlannedTask Task(string name) => TasksByName[name];

    /// <summary>
    /// The task that <paramref name="name"/> runs: a task's own; a <c>for_each</c> element's (<c>boot[2]</c>) its item's;
    /// a fanned-out flow's instance's (<c>deploy[2].install</c>) the flow's task; a fanned-out flow's item, its own (SPEC §3.6).
    /// </summary>
    public TaskNode NodeOf(string name)
    {
        var item = Task(Execution.InstanceName.ItemOf(name));
        return item.Element is { } element && Execution.InstanceName.TaskOf(name) is { } task ? element.TasksByName[task].Node : item.Node;
    }

    /// <summary>The task details of element <paramref name="index"/> of the <c>for_each</c> item <paramref name="item"/>, in plan order.</summary>
    public IEnumerable<string> InstanceNames(string item, int index) =>
        Task(item).Element is { } element
            ? element.Tasks.Select(t => Execution.InstanceName.Of(item, index, t.Name))
            : [Execution.InstanceName.Of(item, index)];
}
