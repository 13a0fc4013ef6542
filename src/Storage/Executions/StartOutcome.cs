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
public sealed record StartOutcome(StartOutcomeKind Kind, StoredExecution? Execution);
