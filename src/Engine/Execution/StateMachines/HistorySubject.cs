namespace WfaaS.Engine.Execution.StateMachines;

public enum HistorySubject
{
    Execution,
    Task,
    Checkpoint,
}
