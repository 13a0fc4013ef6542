using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;

namespace WfaaS.Engine.Execution;

public static partial class StepFunction
{
    /// <summary>
    /// Whether an operator command applies to <paramref name="state"/> (SPEC §5.5): null when the step
    /// would carry it out, else why not. Asked on the same fresh state the step then runs on.
    /// </summary>
    public static CommandRefusal? Refusal(ExecutionState state, ExecutionEvent command)
    {
        ArgumentNullException.ThrowIfNull(state);
        var status = WireNames.Of(state.Status);
        switch (command)
        {
            case OperatorCommand c when !ExecutionTransitions.Table.Allows(state.Status, c.Command):
                return new(CommandRefusalKind.IllegalState, $"Cannot {c.Command.ToString().ToLowerInvariant()} an execution that is {status}.");
            case RevertCommand { ToCheckpoint: { } checkpoint } when !state.Checkpoints.ContainsKey(checkpoint):
                return UnknownCheckpoint(state, checkpoint);
            case RunToCommand r when !state.Checkpoints.ContainsKey(r.Checkpoint):
                return UnknownCheckpoint(state, r.Checkpoint);
            case RevertCommand when !ExecutionTransitions.Table.Allows(state.Status, ExecutionTrigger.Revert):
                return new(CommandRefusalKind.IllegalState, $"Cannot revert an execution that is {status}.");
            case RevertCommand { ToCheckpoint: { } checkpoint } when state.Checkpoints[checkpoint] != CheckpointStatus.Reached:
                return new(CommandRefusalKind.CheckpointNotReached, $"Checkpoint '{checkpoint}' is not reached.");
            case RunToCommand r when !ExecutionTransitions.Table.Allows(
                state.Status, state.Checkpoints[r.Checkpoint] == CheckpointStatus.Reached ? ExecutionTrigger.Revert : ExecutionTrigger.RunTo):
                return new(CommandRefusalKind.IllegalState, $"Cannot run an execution that is {status} to checkpoint '{r.Checkpoint}'.");
            default:
                return null;
        }
    }

    private static CommandRefusal UnknownCheckpoint(ExecutionState state, string checkpoint) =>
        new(CommandRefusalKind.UnknownCheckpoint, $"Workflow '{state.Plan.Definition.Name}' has no checkpoint '{checkpoint}'.");
}
