using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WfaaS.Storage.Providers.PostgreSql;
using WfaaS.Storage.Providers.Sqlite;
using WfaaS.Storage.Providers.SqlServer;

namespace WfaaS.Storage.Tests;

/// <summary>
/// Each provider's migrations match the model. SQL Server cannot run here, so its migrations are
/// checked without a server: no pending model change, and the script generates.
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

    [Theory]
    [MemberData(nameof(Providers))]
    public void MigrationScript_CreatesTheDefinitionsTable(string provider)
    {
        using var db = DesignTimeContext(provider);

        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("workflow_definitions", script, StringComparison.Ordinal);
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
