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

    /// <summary>Its <c>when</c> (or an enclosing flow's) was false, or a symbol it needs had every provider skipped (SPEC §3.5).</summary>
    Skipped,
}
