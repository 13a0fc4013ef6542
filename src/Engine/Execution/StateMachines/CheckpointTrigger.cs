namespace WfaaS.Engine.Execution.StateMachines;

public enum CheckpointTrigger
{
    Reach,
    Reset,
}
