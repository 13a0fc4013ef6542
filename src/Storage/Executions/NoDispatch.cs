namespace WfaaS.Storage.Executions;

/// <summary>For hosts without a scheduler (storage tests): committed work waits for a sweep.</summary>
internal sealed class NoDispatch : ICommitDispatcher
{
    public void Dispatch(StepCommit commit)
    {
    }
}
