namespace WfaaS.Storage.Executions;

/// <summary>The task of the parent execution that waits for a child.</summary>
public sealed record ParentLink(Guid ExecutionId, string Task, int Attempt)
{
    /// <summary>One child per parent task attempt: a repeated start finds the same child.</summary>
    public string IdempotencyKey => $"child:{ExecutionId:N}:{Task}:{Attempt}";
}
