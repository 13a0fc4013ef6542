using System.Data.Common;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage;

/// <summary>
/// The reads every start, step and GET makes, as plain SQL on the request's connection. Measured
/// on SQLite, EF's query pipeline (even compiled) took 150–400 µs for a primary-key lookup that
/// the database answers in 40 µs; these are the reads that run thousands of times a second.
/// </summary>
public sealed class HotReads(RowSql sql)
{
    private static readonly string[] RefColumns = [nameof(WorkflowDefinitionEntity.Id), nameof(WorkflowDefinitionEntity.Name), nameof(WorkflowDefinitionEntity.Version)];
    private static readonly string[] JsonColumn = [nameof(WorkflowDefinitionEntity.DefinitionJson)];

    public Task<ExecutionEntity?> ExecutionAsync(WfaasDbContext db, Guid id, CancellationToken cancellationToken) =>
        FirstAsync(db, sql.SelectRows<ExecutionEntity>([(nameof(ExecutionEntity.Id), id)]), Rows<ExecutionEntity>, cancellationToken);

    /// <summary>The rows of those of <paramref name="ids"/> that exist, in one read (a tick's due timers).</summary>
    public Task<List<ExecutionEntity>> ExecutionsAsync(WfaasDbContext db, IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        QueryAsync(db, sql.SelectRowsIn<ExecutionEntity>(nameof(ExecutionEntity.Id), [.. ids.Cast<object>()]), async (reader, ct) =>
        {
            var rows = new List<ExecutionEntity>(ids.Count);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(Rows<ExecutionEntity>(reader));
            }

            return rows;
        }, cancellationToken);

    public Task<TokenEntity?> TokenAsync(WfaasDbContext db, byte[] hash, string kind, CancellationToken cancellationToken) =>
        FirstAsync(db, sql.SelectRows<TokenEntity>([(nameof(TokenEntity.Hash), hash), (nameof(TokenEntity.Kind), kind)]), Rows<TokenEntity>, cancellationToken);

    public Task<TimerEntity?> TimerAsync(WfaasDbContext db, Guid executionId, long serial, CancellationToken cancellationToken) =>
        FirstAsync(db, sql.SelectRows<TimerEntity>([(nameof(TimerEntity.ExecutionId), executionId), (nameof(TimerEntity.Serial), serial)]), Rows<TimerEntity>, cancellationToken);

    /// <summary>Version <paramref name="version"/> of <paramref name="name"/>, or its latest version; deleted versions are not found.</summary>
    public Task<DefinitionRef?> DefinitionAsync(WfaasDbContext db, string name, int? version, CancellationToken cancellationToken)
    {
        Where[] where = version is { } v
            ? [(nameof(WorkflowDefinitionEntity.Name), name), (nameof(WorkflowDefinitionEntity.Version), v), (nameof(WorkflowDefinitionEntity.DeletedAt), null)]
            : [(nameof(WorkflowDefinitionEntity.Name), name), (nameof(WorkflowDefinitionEntity.DeletedAt), null)];
        return FirstAsync(
            db,
            sql.Select<WorkflowDefinitionEntity>(RefColumns, where, nameof(WorkflowDefinitionEntity.Version), descending: true),
            r => new DefinitionRef(r.GetInt64(0), r.GetString(1), r.GetInt32(2)),
            cancellationToken);
    }

    public Task<string?> DefinitionJsonAsync(WfaasDbContext db, long id, CancellationToken cancellationToken) =>
        FirstAsync(
            db,
            sql.Select<WorkflowDefinitionEntity>(JsonColumn, [(nameof(WorkflowDefinitionEntity.Id), id)], nameof(WorkflowDefinitionEntity.Id)),
            r => r.GetString(0),
            cancellationToken);

    /// <summary>Rows of <typeparamref name="T"/> from a <see cref="RowSql.SelectRows{T}"/> reader, read by Dapper.</summary>
    private static T Rows<T>(DbDataReader reader)
    {
        DapperTypes.EnsureRegistered();
        return reader.GetRowParser<T>()(reader);
    }

    private static Task<T?> FirstAsync<T>(WfaasDbContext db, Statement statement, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class =>
        QueryAsync<T?>(db, statement, async (reader, ct) => await reader.ReadAsync(ct).ConfigureAwait(false) ? read(reader) : null, cancellationToken);

    private static async Task<T> QueryAsync<T>(WfaasDbContext db, Statement statement, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            // Opened through EF, so the provider sets it up as for its own queries; it stays open for
            // the request's other reads and its write, and the pooled context closes it when returned.
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        statement.Bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await read(reader, cancellationToken).ConfigureAwait(false);
    }
}
