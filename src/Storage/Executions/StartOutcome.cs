using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

public enum StartOutcomeKind
{
    Created,

    /// <summary>The same Idempotency-Key and body started it before.</summary>
    Existing,

    /// <summary>The Idempotency-Key was used with another body.</summary>
    KeyReused,
}

/// <param name="Kind">What happened.</param>
/// <param name="Execution">The execution, unless the key was reused.</param>
/// <param name="Waits">When it was created now: the tokens and timers its start minted (no need to read them back).</param>
public sealed record StartOutcome(StartOutcomeKind Kind, ExecutionEntity? Execution, ExecutionWaits? Waits = null);
