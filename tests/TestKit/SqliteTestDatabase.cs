using Microsoft.Data.Sqlite;
using WfaaS.Storage;

namespace WfaaS.TestKit;

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "wfaas-tests", $"{Guid.NewGuid():N}.db");

    public SqliteTestDatabase() => Directory.CreateDirectory(Path.GetDirectoryName(_path)!);

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string ConnectionString => $"Data Source={_path}";

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
