using WfaaS.Engine.Execution;

namespace WfaaS.Storage.Executions;

/// <summary>What a signed token says, its MAC checked: the execution, the nonce its task waits on, the attempt and the task's tag.</summary>
public sealed record TokenClaim(Guid ExecutionId, string Nonce, int Attempt, uint TaskTag)
{
    /// <summary>The task the token was minted for, when the state still holds it (an archived fan-out element is not looked for).</summary>
    public TaskDetail? TaskIn(ExecutionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var task in state.Tasks.Values)
        {
            if (CallbackTokens.TagOf(task.Name) == TaskTag)
            {
                return task;
            }
        }

        return null;
    }
}
