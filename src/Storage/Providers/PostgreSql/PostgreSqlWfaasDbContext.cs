using Microsoft.EntityFrameworkCore;

namespace WfaaS.Storage.Providers.PostgreSql;

public sealed class PostgreSqlWfaasDbContext(DbContextOptions<PostgreSqlWfaasDbContext> options) : WfaasDbContext(options);
