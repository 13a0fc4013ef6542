using Microsoft.EntityFrameworkCore;

namespace WfaaS.Storage.Providers.Sqlite;

public sealed class SqliteWfaasDbContext(DbContextOptions<SqliteWfaasDbContext> options) : WfaasDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<Guid>().HaveConversion<SqliteGuidConverter>();
        configurationBuilder.Properties<DateTime>().HaveConversion<SqliteTimeConverter>();
    }
}
