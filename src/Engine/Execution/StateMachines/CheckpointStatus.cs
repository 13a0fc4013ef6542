namespace WfaaS.Engine.Execution.StateMachines;

/// <summary>SPEC §4 checkpoint states.</summary>
public enum CheckpointStatus
{
    Pending,
    Reached,
}
