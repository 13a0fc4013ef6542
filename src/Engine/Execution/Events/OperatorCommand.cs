using WfaaS.Engine.Execution.StateMachines;

namespace WfaaS.Engine.Execution.Events;

/// <summary>An operator's <c>pause</c>, <c>resume</c>, <c>cancel</c> or <c>retry</c> (SPEC §5.5).</summary>
public sealed record OperatorCommand(ExecutionTrigger Command) : ExecutionEvent
{
    public static readonly IReadOnlySet<ExecutionTrigger> Commands =
        new HashSet<ExecutionTrigger> { ExecutionTrigger.Pause, ExecutionTrigger.Resume, ExecutionTrigger.Cancel, ExecutionTrigger.Retry };
}
