using Xunit;
using WfaaS.Storage;

namespace WfaaS.TestKit;

public static class TestDatabases
{
    /// <summary>A new database of <paramref name="provider"/>, or null for PostgreSQL when no server is configured.</summary>
    public static async Task<TestDatabase?> CreateAsync(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => new SqliteTestDatabase(),
        StorageProvider.PostgreSql => PostgresTestDatabase.IsConfigured ? await PostgresTestDatabase.CreateAsync() : null,
        _ => throw new NotSupportedException($"No test database for {provider}: SQL Server cannot run here."),
    };

    /// <summary>Marks the running test skipped when its database could not be had.</summary>
    public static T Require<T>(T? database)
        where T : TestDatabase
    {
        Assert.SkipWhen(database is null, PostgresTestDatabase.SkipReason);
        return database!;
    }
}
