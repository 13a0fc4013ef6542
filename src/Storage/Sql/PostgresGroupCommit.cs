using System.Data.Common;
using System.Threading.Channels;
using Npgsql;

namespace WfaaS.Storage.Sql;

/// <summary>
/// PostgreSQL group commit: steps that need nothing but their statements queue here, and one
/// connection sends everything waiting as one batch — one implicit transaction, one commit, one
/// round trip for all of them. A step whose statement fails (its row-version check, which raises,
/// or a unique key) is taken out and the others are sent again; its caller hears that it lost. As
/// with a transaction of its own, a step's caller hears of it only after the commit.
/// </summary>
public sealed class PostgresGroupCommit : IAsyncDisposable
{
    private const int MaxStepsPerCommit = 128;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _connectionString;
    private readonly Task _loop;
    private NpgsqlConnection? _connection;

    public PostgresGroupCommit(string connectionString)
    {
        _connectionString = connectionString;
        _loop = Task.Run(LoopAsync);
    }

    /// <returns>False when one of the statements failed its check or hit a unique key: nothing of them was written.</returns>
    public Task<bool> WriteAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        var pending = new Pending(statements, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        return _queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromException<bool>(new ObjectDisposedException(nameof(PostgresGroupCommit)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxStepsPerCommit);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxStepsPerCommit && _queue.Reader.TryRead(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Done.TrySetCanceled(next.CancellationToken);
                    continue;
                }

                batch.Add(next);
            }

            while (batch.Count > 0)
            {
                (Pending? Step, DbException Error)? failed;
                try
                {
                    failed = await CommitAsync(batch).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The connection or the server failed: nothing was committed, every caller decides.
                    batch.ForEach(step => step.Done.TrySetException(e));
                    await ResetAsync().ConfigureAwait(false);
                    break;
                }

                if (failed is not { } f)
                {
                    batch.ForEach(step => step.Done.TrySetResult(true));
                    break;
                }

                // The whole batch was undone. The step that failed lost (or failed); the others go
                // again. When the driver does not say which step it was, they go one by one.
                var culprit = f.Step ?? (batch.Count == 1 ? batch[0] : null);
                if (culprit is null)
                {
                    foreach (var step in batch)
                    {
                        await CommitAloneAsync(step).ConfigureAwait(false);
                    }

                    break;
                }

                Settle(culprit, f.Error);
                batch.Remove(culprit);
            }
        }
    }

    /// <summary>Commits <paramref name="step"/> in a batch of its own and tells its caller.</summary>
    private async Task CommitAloneAsync(Pending step)
    {
        try
        {
            if (await CommitAsync([step]).ConfigureAwait(false) is { } failed)
            {
                Settle(step, failed.Error);
            }
            else
            {
                step.Done.TrySetResult(true);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            step.Done.TrySetException(e);
            await ResetAsync().ConfigureAwait(false);
        }
    }

    private static void Settle(Pending step, DbException error)
    {
        if (SqlDialect.IsUniqueViolation(error) || SqlDialect.IsFailedCheck(error))
        {
            step.Done.TrySetResult(false);
        }
        else
        {
            step.Done.TrySetException(error);
        }
    }

    /// <returns>
    /// Null when everything committed; otherwise why not (nothing was committed) and the step whose
    /// statement failed, when the driver says which.
    /// </returns>
    private async Task<(Pending? Step, DbException Error)?> CommitAsync(List<Pending> steps)
    {
        if (_connection is null)
        {
            _connection = new NpgsqlConnection(_connectionString);
            await _connection.OpenAsync().ConfigureAwait(false);
        }

        var statements = new List<Statement>();
        var owners = new List<Pending>();
        await using var parameters = _connection.CreateCommand();
        await using var commands = _connection.CreateBatch();
        foreach (var step in steps)
        {
            foreach (var statement in step.Statements)
            {
                var command = commands.CreateBatchCommand();
                command.CommandText = statement.Sql;
                for (var i = 0; i < statement.Values.Count; i++)
                {
                    var (mapping, value) = statement.Values[i];
                    command.Parameters.Add(mapping.CreateParameter(parameters, RowSql.Parameter(i), value));
                }

                commands.BatchCommands.Add(command);
                statements.Add(statement);
                owners.Add(step);
            }
        }

        try
        {
            // Only INSERT … RETURNING and checked statements yield a result, one row each, in order.
            await using var reader = await commands.ExecuteReaderAsync().ConfigureAwait(false);
            foreach (var statement in statements.Where(s => s.KeyReceived is not null || s.YieldsRow))
            {
                if (!await reader.ReadAsync().ConfigureAwait(false))
                {
                    throw new InvalidOperationException("A statement that returns a row gave back none.");
                }

                statement.KeyReceived?.Invoke(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                await reader.NextResultAsync().ConfigureAwait(false);
            }
        }
        catch (PostgresException e)
        {
            // Npgsql names the failed command when it can (not when the first one fails at once).
            var index = e.BatchCommand is { } failed ? commands.BatchCommands.IndexOf(failed) : -1;
            return (index >= 0 ? owners[index] : null, e);
        }

        return null;
    }

    private async Task ResetAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    private sealed record Pending(IReadOnlyList<Statement> Statements, TaskCompletionSource<bool> Done, CancellationToken CancellationToken);
}
