using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WfaaS.Storage.Providers.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the context without a running server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWfaasDbContext>
{
    public SqliteWfaasDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWfaasDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
