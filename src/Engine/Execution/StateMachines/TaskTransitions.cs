using static WfaaS.Engine.Execution.StateMachines.TaskDetailStatus;
using static WfaaS.Engine.Execution.StateMachines.TaskTrigger;

namespace WfaaS.Engine.Execution.StateMachines;

/// <summary>SPEC §4, §5.2: a task executes, may wait or retry, and reverts in reverse dependency order.</summary>
public static class TaskTransitions
{
    public static TransitionTable<TaskDetailStatus, TaskTrigger> Table { get; } = new(HistorySubject.Task,
    [
        new(Pending,       Start,          Running),
        new(Pending,       Skip,           Skipped),   // SPEC §3.5
        new(Pending,       Fail,           Failure),   // its condition threw: it fails without starting
        new(Running,       Complete,       Success),
        new(Running,       Fail,           Failure),
        new(Running,       FailRetryable,  Retrying),
        new(Running,       Suspend,        Waiting),
        new(Running,       Revert,         Reverting), // a for_each item whose elements run when the execution reverts
        new(Waiting,       Complete,       Success),
        new(Waiting,       Fail,           Failure),
        new(Waiting,       FailRetryable,  Retrying),
        new(Waiting,       Revert,         Reverting),
        new(Waiting,       SkipRevert,     Reverted),
        new(Waiting,       Vote,           Waiting),   // SPEC §3.4.1: an approval short of the quorum
        new(Retrying,      Start,          Running),
        new(Retrying,      Reset,          Pending),
        new(Retrying,      Revert,         Reverting),
        new(Retrying,      SkipRevert,     Reverted),
        new(Success,       Revert,         Reverting),
        new(Success,       SkipRevert,     Reverted),
        new(Failure,       Revert,         Reverting),
        new(Failure,       SkipRevert,     Reverted),
        new(Reverting,     RevertComplete, Reverted),
        new(Reverting,     RevertFail,     RevertFailure),
        new(Reverted,      Reset,          Pending),
        new(Success,       Reset,          Pending),
        new(Failure,       Reset,          Pending),
        new(RevertFailure, Reset,          Pending),
        new(Skipped,       Reset,          Pending),
    ]);
}
