namespace WfaaS.Storage.Executions;

/// <summary>What raised an event, used up by the step that applies it (SPEC §1: every handler is idempotent).</summary>
public abstract record StepSource
{
    /// <summary>An API call or a callback: nothing to use up.</summary>
    public static readonly StepSource None = new NoSource();

    internal virtual void Consume(StepStatements step)
    {
    }

    /// <summary>A durable timer: its row goes, whether or not it was still live.</summary>
    public sealed record Timer(long Serial) : StepSource
    {
        internal override void Consume(StepStatements step) => step.DeleteTimer(Serial);
    }

    /// <summary>An outbox row whose work the event reports: it is done.</summary>
    public sealed record Outbox(long OutboxId) : StepSource
    {
        internal override void Consume(StepStatements step) => step.OutboxDone(OutboxId);
    }

    private sealed record NoSource : StepSource;
}
