using WfaaS.Storage;

namespace WfaaS.TestKit;

/// <summary>A real, empty database for one test class: a SQLite file or a PostgreSQL database.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract StorageProvider Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>The configuration a host needs to use this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Wfaas"] = ConnectionString,
    };

    public abstract ValueTask DisposeAsync();
}
