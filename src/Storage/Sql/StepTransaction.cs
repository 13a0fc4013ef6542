using System.Data.Common;

namespace WfaaS.Storage.Sql;

/// <summary>
/// The transaction one step's writes run in. On SQLite it is shared by the steps committed
/// together (<see cref="SqliteStepWriter"/>), each inside its own savepoint.
/// </summary>
/// <param name="connection">The open connection.</param>
/// <param name="transaction">Its transaction; null only for one batch, which PostgreSQL runs as one implicit transaction.</param>
/// <param name="cachedCommand">A prepared command per SQL text, kept by the caller (the SQLite writer's own connection).</param>
/// <param name="batch">Send a step's statements in one round trip (<see cref="DbBatch"/>): a server database, where each trip costs more than the statement.</param>
public sealed class StepTransaction(DbConnection connection, DbTransaction? transaction, Func<string, DbCommand>? cachedCommand = null, bool batch = false)
{
    /// <summary>Runs <paramref name="statements"/> in order.</summary>
    /// <returns>False when one touched an unexpected number of rows or hit a unique key: the step lost a race.</returns>
    public ValueTask<bool> ExecuteAsync(IEnumerable<Statement> statements, CancellationToken cancellationToken) =>
        batch ? ExecuteBatchAsync([.. statements], cancellationToken) : ExecuteEachAsync(statements, cancellationToken);

    private async ValueTask<bool> ExecuteEachAsync(IEnumerable<Statement> statements, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            var command = Prepare(statement);
            try
            {
                if (statement.KeyReceived is { } keyReceived)
                {
                    var key = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    keyReceived(Convert.ToInt64(key, System.Globalization.CultureInfo.InvariantCulture));
                    continue;
                }

                var rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (statement.ExpectedRows is { } expected && rows != expected)
                {
                    return false;
                }
            }
            catch (DbException e) when (SqlDialect.IsUniqueViolation(e))
            {
                return false;
            }
            finally
            {
                Release(command);
            }
        }

        return true;
    }

    private async ValueTask<bool> ExecuteBatchAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        if (statements.Count == 0)
        {
            return true;
        }

        await using var parameters = connection.CreateCommand();
        await using var commands = connection.CreateBatch();
        commands.Transaction = transaction;
        foreach (var statement in statements)
        {
            var command = commands.CreateBatchCommand();
            command.CommandText = statement.Sql;
            for (var i = 0; i < statement.Values.Count; i++)
            {
                var (mapping, value) = statement.Values[i];
                command.Parameters.Add(mapping.CreateParameter(parameters, RowSql.Parameter(i), value));
            }

            commands.BatchCommands.Add(command);
        }

        try
        {
            // Only INSERT … RETURNING and checked statements yield a result, one row each, in order.
            await using (var reader = await commands.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var statement in statements.Where(s => s.KeyReceived is not null || s.YieldsRow))
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        throw new InvalidOperationException("A statement that returns a row gave back none.");
                    }

                    statement.KeyReceived?.Invoke(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (DbException e) when (SqlDialect.IsUniqueViolation(e) || SqlDialect.IsFailedCheck(e))
        {
            return false;
        }

        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i].ExpectedRows is { } expected && commands.BatchCommands[i].RecordsAffected != expected)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads every row <paramref name="statement"/> selects.</summary>
    public async ValueTask<List<T>> QueryAsync<T>(Statement statement, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var command = Prepare(statement);
        try
        {
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            Release(command);
        }
    }

    private DbCommand Prepare(Statement statement)
    {
        var command = cachedCommand?.Invoke(statement.Sql) ?? connection.CreateCommand();
        command.Transaction = transaction;
        statement.Bind(command);
        return command;
    }

    private void Release(DbCommand command)
    {
        if (cachedCommand is null)
        {
            command.Dispose();
        }
    }
}
