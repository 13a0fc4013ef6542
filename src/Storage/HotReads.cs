using System.Collections.Concurrent;
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
/// <param name="sql">The statements' texts and parameters.</param>
/// <param name="ownConnection">
/// SQLite's: a pooled connection of the reads' own, outside a transaction. EF's connection registers a
/// dozen SQL functions at every open and removes them at every close: 13 finalizable handles and
/// 4 KB of garbage a request, for functions these reads never call.
/// </param>
public sealed class HotReads(RowSql sql, Func<DbConnection>? ownConnection = null)
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
    private static T Rows<T>(DbDataReader reader) => RowParser<T>.For(reader)(reader);

    /// <summary>
    /// Dapper's parser of <typeparamref name="T"/>'s rows, one per provider's reader. Every select of
    /// <typeparamref name="T"/> reads the same columns in the same order, so the parser Dapper would
    /// find for each row, after hashing the row's column names and types (which allocates a name per
    /// column on SQLite), is the one found the first time.
    /// </summary>
    private static class RowParser<T>
    {
        private static readonly ConcurrentDictionary<Type, Func<DbDataReader, T>> ByReader = new();

        public static Func<DbDataReader, T> For(DbDataReader reader) =>
            ByReader.TryGetValue(reader.GetType(), out var parser) ? parser : ByReader.GetOrAdd(reader.GetType(), _ =>
            {
                DapperTypes.EnsureRegistered();
                return reader.GetRowParser<T>();
            });
    }

    private Task<T?> FirstAsync<T>(WfaasDbContext db, Statement statement, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class =>
        QueryAsync<T?>(db, statement, async (reader, ct) => await reader.ReadAsync(ct).ConfigureAwait(false) ? read(reader) : null, cancellationToken);

    private async Task<T> QueryAsync<T>(WfaasDbContext db, Statement statement, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        if (ownConnection is not null && db.Database.CurrentTransaction is null)
        {
            await using var own = ownConnection();
            await own.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await QueryAsync(own, null, statement, read, cancellationToken).ConfigureAwait(false);
        }

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            // Opened through EF, so the provider sets it up as for its own queries; it stays open for
            // the request's other reads and its write, and the pooled context closes it when returned.
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        return await QueryAsync(connection, db.Database.CurrentTransaction?.GetDbTransaction(), statement, read, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> QueryAsync<T>(
        DbConnection connection, DbTransaction? transaction, Statement statement, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        statement.Bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await read(reader, cancellationToken).ConfigureAwait(false);
    }
}
