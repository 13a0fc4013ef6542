using Microsoft.EntityFrameworkCore;

namespace WfaaS.Storage.Providers.Sqlite;

public sealed class SqliteWfaasDbContext(DbContextOptions<SqliteWfaasDbContext> options) : WfaasDbContext(options);
