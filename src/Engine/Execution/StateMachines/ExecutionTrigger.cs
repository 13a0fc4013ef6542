namespace WfaaS.Engine.Execution.StateMachines;

public enum ExecutionTrigger
{
    /// <summary>Every task of the root flow succeeded.</summary>
    Succeed,

    /// <summary>A task failed for good; <c>revert_all</c> / <c>revert_to_checkpoint</c> start reverting.</summary>
    Fail,

    /// <summary>A task failed for good under <c>on_failure: pause</c>.</summary>
    FailAndPause,

    /// <summary>Every task that had to be reverted is reverted.</summary>
    RevertComplete,

    /// <summary>A revert action failed.</summary>
    RevertFail,

    Pause,
    Resume,
    Cancel,
    Retry,
    Revert,
}
