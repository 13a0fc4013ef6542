using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Storage.Executions;
using WfaaS.TestKit;

namespace WfaaS.Storage.Tests;

/// <summary>
/// The TokenHashBytes migration turns each stored token hash from hex text into its 32 bytes: a
/// callback URL handed out before the upgrade still finds its token after it.
/// </summary>
public sealed class TokenHashMigrationTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TokenStoredAsHexBeforeTheMigration_IsFoundByItsTokenAfterIt(StorageProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        Assert.SkipWhen(database is null, PostgresTestDatabase.SkipReason);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        await using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddWfaasStorage(configuration).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_TokenHashBytes", StringComparison.Ordinal)) - 1];
        await db.Database.MigrateAsync(before, TestContext.Current.CancellationToken);

        const string token = "a-callback-token-handed-out-before-the-upgrade";
        var executionId = Guid.CreateVersion7();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO tokens (hash, nonce, execution_id, task, attempt, kind, state, created_at) VALUES ({TextHash.Of(token)}, {"n"}, {executionId}, {"boot"}, {1}, {"CALLBACK"}, {"ACTIVE"}, {DateTime.UtcNow})",
            TestContext.Current.CancellationToken);
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        var found = await scope.ServiceProvider.GetRequiredService<HotReads>().TokenAsync(db, CallbackTokens.Hash(token), "CALLBACK", TestContext.Current.CancellationToken);
        Assert.NotNull(found);
        Assert.Equal((executionId, "boot", 1), (found.ExecutionId, found.Task, found.Attempt));
        Assert.Equal(32, found.Hash.Length);
    }
}
