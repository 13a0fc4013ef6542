namespace WfaaS.Engine.Execution.StateMachines;

/// <summary>One row of a transition table: in <paramref name="From"/>, <paramref name="Trigger"/> leads to <paramref name="To"/>.</summary>
public sealed record Transition<TState, TTrigger>(TState From, TTrigger Trigger, TState To)
    where TState : struct, Enum
    where TTrigger : struct, Enum;
