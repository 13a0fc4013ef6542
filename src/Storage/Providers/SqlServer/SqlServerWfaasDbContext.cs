using Microsoft.EntityFrameworkCore;

namespace WfaaS.Storage.Providers.SqlServer;

public sealed class SqlServerWfaasDbContext(DbContextOptions<SqlServerWfaasDbContext> options) : WfaasDbContext(options);
