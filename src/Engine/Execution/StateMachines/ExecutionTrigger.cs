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

    /// <summary>An operator's revert (<c>then: stop</c>, or <c>run-to</c> backwards) is done: paused there.</summary>
    RevertAndStop,

    /// <summary>An operator's revert with <c>then: resume</c> is done: running forward again.</summary>
    RevertAndResume,

    /// <summary><c>run-to</c> a checkpoint not reached yet: run until it is, then pause.</summary>
    RunTo,

    Pause,
    Resume,
    Cancel,
    Retry,
    Revert,
}
