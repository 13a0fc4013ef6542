namespace WfaaS.Engine.Execution;

/// <summary>The <c>workflow</c> task of a parent execution that waits for this one (SPEC §3.4).</summary>
/// <param name="ExecutionId">The parent execution.</param>
/// <param name="Task">Its task that started this child.</param>
/// <param name="Attempt">That task's attempt.</param>
public sealed record ParentLink(Guid ExecutionId, string Task, int Attempt)
{
    /// <summary>One child per parent task attempt: a repeated start finds the same child.</summary>
    public string IdempotencyKey => $"child:{ExecutionId:N}:{Task}:{Attempt}";
}
