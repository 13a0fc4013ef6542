using System.Collections.Frozen;
using System.Collections.Immutable;

namespace WfaaS.Engine.Execution.StateMachines;

/// <summary>A state machine as data: the only way a state changes is a row of this table.</summary>
public sealed class TransitionTable<TState, TTrigger>(HistorySubject subject, ImmutableArray<Transition<TState, TTrigger>> rows)
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly FrozenDictionary<(TState, TTrigger), TState> _next =
        rows.ToFrozenDictionary(r => (r.From, r.Trigger), r => r.To);

    public HistorySubject Subject => subject;

    public ImmutableArray<Transition<TState, TTrigger>> Rows => rows;

    public bool Allows(TState from, TTrigger trigger) => _next.ContainsKey((from, trigger));

    public TState Next(TState from, TTrigger trigger) =>
        _next.TryGetValue((from, trigger), out var to)
            ? to
            : throw new IllegalTransitionException(subject, from.ToString(), trigger.ToString());
}
