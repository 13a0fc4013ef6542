namespace WfaaS.Storage;

/// <summary>The <c>Storage</c> configuration section (SPEC §2).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string ConnectionStringName = "Wfaas";
    public const string DefaultSqliteConnectionString = "Data Source=wfaas.db";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public bool MigrateOnStartup { get; set; } = true;
}
