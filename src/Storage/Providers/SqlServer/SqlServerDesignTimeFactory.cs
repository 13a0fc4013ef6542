using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WfaaS.Storage.Providers.SqlServer;

/// <summary>Lets `dotnet ef migrations add` build the context without a running server.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerWfaasDbContext>
{
    public SqlServerWfaasDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerWfaasDbContext>().UseSqlServer("Server=localhost;Database=wfaas_design;TrustServerCertificate=true").Options);
}
