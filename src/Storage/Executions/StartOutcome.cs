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

public sealed record StartOutcome(StartOutcomeKind Kind, ExecutionEntity? Execution);
