namespace WfaaS.Storage.Executions;

/// <summary>What a presented token turned out to be (<see cref="CallbackTokens.Read"/>).</summary>
public enum TokenForm
{
    /// <summary>Not a token of this service: 404, nothing read.</summary>
    Unknown,

    /// <summary>Handed out before tokens were signed claims: its row in <c>tokens</c> says what it is.</summary>
    Legacy,

    /// <summary>A signed claim whose MAC holds: the execution's state says whether it is live.</summary>
    Claim,
}
