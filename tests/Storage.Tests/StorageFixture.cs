using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WfaaS.TestKit;

namespace WfaaS.Storage.Tests;

/// <summary>A migrated database of one provider and the storage services on it.</summary>
public abstract class StorageFixture(StorageProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;
    private ServiceProvider? _services;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    public StorageProvider Provider => provider;

    /// <summary>A fresh scope; skips the test when the provider's server is not available.</summary>
    public AsyncServiceScope CreateScope()
    {
        Assert.SkipWhen(_services is null, PostgresTestDatabase.SkipReason);
        return _services!.CreateAsyncScope();
    }

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateAsync(provider);
        if (_database is null)
        {
            return;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Settings).Build();
        _services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddWfaasStorage(configuration)
            .BuildServiceProvider();
        await _services.MigrateWfaasDatabaseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteStorageFixture() : StorageFixture(StorageProvider.Sqlite);

public sealed class PostgresStorageFixture() : StorageFixture(StorageProvider.PostgreSql);
