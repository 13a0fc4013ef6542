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
/// <param name="Tokens">When it was created now: the tokens its start minted (no need to read them back).</param>
public sealed record StartOutcome(StartOutcomeKind Kind, StoredExecution? Execution, IReadOnlyList<TokenEntity>? Tokens = null);
