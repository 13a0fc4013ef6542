namespace WfaaS.Engine.Execution.StateMachines;

/// <summary>SPEC §4 task states.</summary>
public enum TaskDetailStatus
{
    Pending,
    Running,
    Waiting,
    Retrying,
    Success,
    Failure,
    Reverting,
    Reverted,
    RevertFailure,
}
