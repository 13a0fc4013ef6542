namespace WfaaS.Engine.Execution.StateMachines;

public enum TaskTrigger
{
    Start,

    /// <summary>The action waits for an event: a timer, a callback, an approval, a child execution.</summary>
    Suspend,

    Complete,
    Fail,

    /// <summary>The attempt failed and the task's <c>retry</c> allows another after a delay.</summary>
    FailRetryable,

    /// <summary>Start reverting: the revert action runs.</summary>
    Revert,

    /// <summary>Reverted without running anything: the task has no <c>revert</c> (SPEC §5.2).</summary>
    SkipRevert,

    RevertComplete,
    RevertFail,

    /// <summary>Back to PENDING to run again (retry scope, operator <c>retry</c>).</summary>
    Reset,

    /// <summary>Decided not to run: a <c>when</c> was false or what it needs was never provided (SPEC §3.5).</summary>
    Skip,

    /// <summary>An approver approved short of the quorum: the task goes on waiting for the others (SPEC §3.4.1).</summary>
    Vote,
}
