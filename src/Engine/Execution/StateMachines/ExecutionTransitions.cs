using static WfaaS.Engine.Execution.StateMachines.ExecutionStatus;
using static WfaaS.Engine.Execution.StateMachines.ExecutionTrigger;

namespace WfaaS.Engine.Execution.StateMachines;

/// <summary>SPEC §4, §5.2, §5.4, §5.5.</summary>
public static class ExecutionTransitions
{
    public static TransitionTable<ExecutionStatus, ExecutionTrigger> Table { get; } = new(HistorySubject.Execution,
    [
        new(Running,   Succeed,        Success),
        new(Running,   Fail,           Reverting),
        new(Running,   FailAndPause,   Paused),
        new(Running,   Pause,          Paused),
        new(Running,   Cancel,         Cancelled),
        new(Running,   Revert,         Reverting),
        new(Running,   RevertFail,     Failed),
        new(Paused,    Resume,         Running),
        new(Paused,    Retry,          Running),
        new(Paused,    Revert,         Reverting),
        new(Paused,    Cancel,         Cancelled),
        new(Paused,    RunTo,          Running),
        new(Running,   RunTo,          Running),
        new(Reverting, RevertComplete, Reverted),
        new(Reverting, RevertAndStop,  Paused),
        new(Reverting, RevertAndResume, Running),
        new(Reverting, RevertFail,     Failed),
        new(Reverting, Cancel,         Cancelled),
        new(Reverted,  Retry,          Running),
        new(Failed,    Retry,          Running),
    ]);
}
