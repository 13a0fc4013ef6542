namespace WfaaS.Engine.Execution.StateMachines;

/// <summary>A transition that is not in its table: a bug in the engine, never an expected outcome.</summary>
public sealed class IllegalTransitionException(HistorySubject subject, string from, string trigger)
    : InvalidOperationException($"No {subject} transition from {from} on {trigger}.")
{
    public HistorySubject Subject => subject;

    public string From => from;

    public string Trigger => trigger;
}
