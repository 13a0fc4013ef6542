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
        ["Tokens:Secret"] = TestSecret,
    };

    /// <summary>A fixed token secret, so tests write no key file.</summary>
    public const string TestSecret = "d2ZhYXMtdGVzdC1zZWNyZXQtdGhhdC1pcy1sb25nLWVub3VnaA==";

    public abstract ValueTask DisposeAsync();
}
