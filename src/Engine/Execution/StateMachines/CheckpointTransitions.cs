using static WfaaS.Engine.Execution.StateMachines.CheckpointStatus;
using static WfaaS.Engine.Execution.StateMachines.CheckpointTrigger;

namespace WfaaS.Engine.Execution.StateMachines;

/// <summary>SPEC §5.5: a checkpoint is reached when every item before it has succeeded.</summary>
public static class CheckpointTransitions
{
    public static TransitionTable<CheckpointStatus, CheckpointTrigger> Table { get; } = new(HistorySubject.Checkpoint,
    [
        new(Pending, Reach, Reached),
        new(Reached, Reset, Pending),
    ]);
}
