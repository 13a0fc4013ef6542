namespace WfaaS.Chaos;

/// <summary>Something the harness cannot go on from (not an anomaly of the service): printed as it is, exit code 2.</summary>
internal sealed class ChaosFailure : Exception
{
    public ChaosFailure()
    {
    }

    public ChaosFailure(string message)
        : base(message)
    {
    }

    public ChaosFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
