namespace WfaaS.Chaos.Service;

/// <summary><c>wfaas.db</c> in the run's directory; the service creates it on its first start.</summary>
internal sealed class SqliteChaosDatabase(string directory) : ChaosDatabase
{
    private readonly string _file = Path.Combine(directory, "wfaas.db");

    public override string Kind => "sqlite";

    public override string Location => _file;

    public override IReadOnlyDictionary<string, string> ServiceEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Storage__Provider"] = "Sqlite",
        ["ConnectionStrings__Wfaas"] = $"Data Source={_file}",
    };

    /// <summary>The file goes with the run's directory.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
