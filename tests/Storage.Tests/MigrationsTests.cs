using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using WfaaS.Storage.Providers.PostgreSql;
using WfaaS.Storage.Providers.Sqlite;
using WfaaS.Storage.Providers.SqlServer;

namespace WfaaS.Storage.Tests;

/// <summary>
/// Each provider's migrations match the model. SQLite's and PostgreSQL's are applied to a real
/// database by every storage and API fixture; SQL Server's script is parsed by Microsoft's T-SQL
/// parser and compared with the model in <see cref="Sql.SqlServerParseTests"/>.
/// Fix a failure with scripts/add-migration.sh NAME.
/// </summary>
public sealed class MigrationsTests
{
    public static TheoryData<string> Providers => ["Sqlite", "PostgreSql", "SqlServer"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_MatchTheModel(string provider)
    {
        using var db = DesignTimeContext(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model changed without a migration; run scripts/add-migration.sh NAME");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    private static WfaasDbContext DesignTimeContext(string provider) => provider switch
    {
        "Sqlite" => Create<SqliteWfaasDbContext>(),
        "PostgreSql" => Create<PostgreSqlWfaasDbContext>(),
        "SqlServer" => Create<SqlServerWfaasDbContext>(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    private static TContext Create<TContext>()
        where TContext : WfaasDbContext
    {
        var factoryType = typeof(WfaasDbContext).Assembly.GetTypes()
            .Single(t => typeof(IDesignTimeDbContextFactory<TContext>).IsAssignableFrom(t));
        var factory = (IDesignTimeDbContextFactory<TContext>)Activator.CreateInstance(factoryType, nonPublic: true)!;
        return factory.CreateDbContext([]);
    }
}
