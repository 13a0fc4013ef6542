namespace WfaaS.Engine.Execution.StateMachines;

/// <summary>Which execution states are final (SPEC §4).</summary>
public static class ExecutionStatuses
{
    /// <summary>The states an execution can still leave; every other state is final.</summary>
    public static IReadOnlyList<ExecutionStatus> Unfinished { get; } = [ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Reverting];

    /// <summary><see cref="Unfinished"/> as the API and the database write them.</summary>
    public static IReadOnlyList<string> UnfinishedWireNames { get; } = [.. Unfinished.Select(WireNames.Of)];

    public static bool IsFinal(this ExecutionStatus status) => !Unfinished.Contains(status);
}
