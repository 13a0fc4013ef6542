namespace WfaaS.Engine.Execution;

/// <summary>What an operator's revert does once it is done (SPEC §5.5 <c>revert {then}</c>).</summary>
public enum AfterRevert
{
    /// <summary>A failure's revert: the execution ends REVERTED.</summary>
    End,

    /// <summary>Pause there; reverted tasks are PENDING again, <c>resume</c> runs them.</summary>
    Stop,

    /// <summary>Run forward again from there.</summary>
    Resume,
}
