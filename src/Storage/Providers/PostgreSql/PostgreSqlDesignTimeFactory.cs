using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WfaaS.Storage.Providers.PostgreSql;

/// <summary>Lets `dotnet ef migrations add` build the context without a running server.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlWfaasDbContext>
{
    public PostgreSqlWfaasDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlWfaasDbContext>().UseNpgsql("Host=localhost;Database=wfaas_design").Options);
}
