namespace WfaaS.Chaos.Service;

/// <summary>A fresh, empty database for one run; every restart of the service opens the same one.</summary>
internal abstract class ChaosDatabase : IAsyncDisposable
{
    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>A file path or a database name, for the report.</summary>
    public abstract string Location { get; }

    /// <summary>The service's environment for this database (provider and connection string).</summary>
    public abstract IReadOnlyDictionary<string, string> ServiceEnvironment { get; }

    /// <summary>Leave the database in place when disposed (for diagnosis).</summary>
    public bool Keep { get; set; }

    public abstract ValueTask DisposeAsync();
}
