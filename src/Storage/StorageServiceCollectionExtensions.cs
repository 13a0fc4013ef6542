using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Executions;
using WfaaS.Storage.Providers.PostgreSql;
using WfaaS.Storage.Providers.Sqlite;
using WfaaS.Storage.Providers.SqlServer;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="WfaasDbContext"/> on the provider named by <c>Storage:Provider</c>.</summary>
    public static IServiceCollection AddWfaasStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        services.AddSingleton(options);
        services.AddLogging();

        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                services.AddDbContextPool<WfaasDbContext, SqliteWfaasDbContext>(db =>
                    db.UseSqlite(connectionString ?? StorageOptions.DefaultSqliteConnectionString));
                break;
            case StorageProvider.PostgreSql:
                services.AddDbContextPool<WfaasDbContext, PostgreSqlWfaasDbContext>(db =>
                    db.UseNpgsql(PostgresConnectionString.Tuned(RequireConnectionString(connectionString, options.Provider))));
                break;
            case StorageProvider.SqlServer:
                services.AddDbContextPool<WfaasDbContext, SqlServerWfaasDbContext>(db =>
                    db.UseSqlServer(RequireConnectionString(connectionString, options.Provider)));
                break;
            default:
                throw new InvalidOperationException($"Unknown Storage:Provider '{options.Provider}'.");
        }

        var dialect = new SqlDialect(options.Provider);
        services.AddSingleton(dialect);
        services.AddSingleton(provider =>
        {
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
            return new RowSql(db.Model, db.GetService<ISqlGenerationHelper>(), dialect);
        });
        if (options.Provider == StorageProvider.Sqlite)
        {
            var sqlite = connectionString ?? StorageOptions.DefaultSqliteConnectionString;
            services.AddSingleton(_ => new SqliteStepWriter(sqlite));
            services.AddSingleton(provider => new HotReads(provider.GetRequiredService<RowSql>(), () => new SqliteConnection(sqlite)));
            services.AddSingleton<IStepWriter>(provider => provider.GetRequiredService<SqliteStepWriter>());
        }
        else if (options.Provider == StorageProvider.PostgreSql)
        {
            var postgres = PostgresConnectionString.Tuned(RequireConnectionString(connectionString, options.Provider));
            services.AddSingleton(_ => new PostgresStepWriter(postgres));
            services.AddSingleton<IStepWriter>(provider => provider.GetRequiredService<PostgresStepWriter>());
        }
        else
        {
            services.AddScoped<IStepWriter, SqlServerStepWriter>();
        }

        services.AddScoped<DefinitionStore>();
        services.AddScoped<ExecutionStore>();
        services.AddScoped<Triggers.TriggerStore>();
        services.AddScoped<ExecutionReader>();
        services.AddScoped<ExecutionPurger>();
        services.AddSingleton<PlanCache>();
        services.AddSingleton<LatestDefinitions>();
        services.TryAddSingleton<HotReads>();
        services.AddSingleton<Telemetry.WaitingCounts>();
        services.AddSingleton(provider => new Telemetry.WfaasTelemetry(
            provider.GetService<System.Diagnostics.Metrics.IMeterFactory>(), provider.GetRequiredService<Telemetry.WaitingCounts>()));
        services.TryAddSingleton<ICommitDispatcher, NoDispatch>();
        services.AddSingleton(new CallbackTokens(configuration.GetSection(TokenOptions.SectionName).Get<TokenOptions>() ?? new TokenOptions()));
        return services;
    }

    private static string RequireConnectionString(string? connectionString, StorageProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Storage:Provider is {provider}: set ConnectionStrings:{StorageOptions.ConnectionStringName} (env ConnectionStrings__Wfaas).")
            : connectionString;
}
