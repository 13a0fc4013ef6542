namespace WfaaS.Storage.Executions;

/// <summary>
/// Told after each step commits, so timers and outbox rows are acted on at once instead of at the
/// next sweep. It must not fail the step: the rows are already durable and a sweep finds them.
/// </summary>
public interface ICommitDispatcher
{
    void Dispatch(StepCommit commit);
}
