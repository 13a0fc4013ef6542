namespace WfaaS.Engine.Definitions;

public enum FailureStrategy
{
    RevertAll,
    RevertToCheckpoint,
    Pause,
}
