namespace WfaaS.Engine.Execution;

/// <summary>Why an operator command does not apply to an execution as it stands (SPEC §5.5).</summary>
public enum CommandRefusalKind
{
    /// <summary>The command is not allowed in the execution's state (409 with the state).</summary>
    IllegalState,

    /// <summary>The definition has no such checkpoint (422).</summary>
    UnknownCheckpoint,

    /// <summary>A revert to a checkpoint that is not reached (409).</summary>
    CheckpointNotReached,
}

/// <param name="Kind">Why.</param>
/// <param name="Detail">The sentence a client reads.</param>
public sealed record CommandRefusal(CommandRefusalKind Kind, string Detail);
