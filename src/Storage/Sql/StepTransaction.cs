using System.Data.Common;

namespace WfaaS.Storage.Sql;

/// <summary>
/// Runs one step's statements, one command each, inside a transaction the caller owns (SQLite's
/// shared group transaction, inside the step's savepoint; SQL Server's transaction per step).
/// </summary>
/// <param name="connection">The open connection.</param>
/// <param name="transaction">Its transaction.</param>
/// <param name="cachedCommand">A prepared command per SQL text, kept by the caller (the SQLite writer's own connection).</param>
internal sealed class StepTransaction(DbConnection connection, DbTransaction transaction, Func<string, DbCommand>? cachedCommand = null)
{
    /// <summary>Runs <paramref name="statements"/> in order.</summary>
    /// <returns>False when the check did not hold or a statement lost a race (<see cref="SqlDialect.IsLostRace"/>); the caller rolls it back.</returns>
    public async ValueTask<bool> ExecuteAsync(IEnumerable<Statement> statements, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            var command = cachedCommand?.Invoke(statement.Sql) ?? connection.CreateCommand();
            command.Transaction = transaction;
            statement.Bind(command);
            try
            {
                if (statement.KeyReceived is { } keyReceived)
                {
                    var key = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    keyReceived(Convert.ToInt64(key, System.Globalization.CultureInfo.InvariantCulture));
                    continue;
                }

                var rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (statement.IsCheck && rows != 1)
                {
                    return false;
                }
            }
            catch (DbException e) when (SqlDialect.IsLostRace(e))
            {
                return false;
            }
            finally
            {
                if (cachedCommand is null)
                {
                    await command.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        return true;
    }
}
