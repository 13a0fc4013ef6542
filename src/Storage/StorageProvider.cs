namespace WfaaS.Storage;

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}
