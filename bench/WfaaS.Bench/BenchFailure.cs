namespace WfaaS.Bench;

/// <summary>Something the bench cannot go on from: the message is printed as it is and the exit code is 1.</summary>
internal sealed class BenchFailure : Exception
{
    public BenchFailure()
    {
    }

    public BenchFailure(string message)
        : base(message)
    {
    }

    public BenchFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
