namespace WfaaS.Engine.Execution.StateMachines;

/// <summary>SPEC §4 execution states.</summary>
public enum ExecutionStatus
{
    Running,
    Paused,
    Reverting,
    Success,
    Reverted,
    Failed,
    Cancelled,
}
