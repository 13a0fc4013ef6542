using System.Data.Common;

namespace WfaaS.Storage.Sql;

/// <summary>
/// The transaction one step's writes run in. On SQLite it is shared by the steps committed
/// together (<see cref="SqliteStepWriter"/>), each inside its own savepoint.
/// </summary>
public sealed class StepTransaction(DbConnection connection, DbTransaction transaction, Func<string, DbCommand>? cachedCommand = null)
{
    /// <summary>Runs <paramref name="statements"/> in order.</summary>
    /// <returns>False when one touched an unexpected number of rows or hit a unique key: the step lost a race.</returns>
    public async ValueTask<bool> ExecuteAsync(IEnumerable<Statement> statements, CancellationToken cancellationToken)
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
