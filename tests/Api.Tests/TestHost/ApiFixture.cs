using WfaaS.Storage;
using WfaaS.TestKit;

namespace WfaaS.Api.Tests.TestHost;

/// <summary>One service and one database per test class and provider.</summary>
/// <param name="provider">The database the service stores in.</param>
/// <param name="settings">Configuration beyond the database's.</param>
public abstract class ApiFixture(StorageProvider provider, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private WfaasApiFactory? _factory;

    /// <summary>The running service; skips the test when its database is not available (PostgreSQL without a server).</summary>
    public WfaasApiFactory Factory
    {
        get
        {
            Assert.SkipWhen(_factory is null, PostgresTestDatabase.SkipReason);
            return _factory!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (await TestDatabases.CreateAsync(provider) is { } database)
        {
            _factory = new WfaasApiFactory(database, settings);
            _ = _factory.Server;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await _factory.Database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApiFixture() : ApiFixture(StorageProvider.Sqlite);

public sealed class PostgresApiFixture() : ApiFixture(StorageProvider.PostgreSql);

/// <summary>For tests whose workflows call a <see cref="FakeExternalSystem"/>: its loopback host is named in AllowedHosts.</summary>
public sealed class SqliteExternalSystemFixture() : ApiFixture(StorageProvider.Sqlite, FakeExternalSystem.AllowedHostSettings);

/// <summary>For tests whose workflows call a <see cref="FakeExternalSystem"/>: its loopback host is named in AllowedHosts.</summary>
public sealed class PostgresExternalSystemFixture() : ApiFixture(StorageProvider.PostgreSql, FakeExternalSystem.AllowedHostSettings);
