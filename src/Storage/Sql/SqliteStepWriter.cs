using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace WfaaS.Storage.Sql;

/// <summary>
/// SQLite has one writer at a time, and a commit costs a WAL append and an fsync whatever it holds.
/// So steps of this process queue here and one connection commits them together (group commit):
/// every step that arrived while the previous commit ran goes into the next transaction, each in
/// its own savepoint, so a step that loses its race is rolled back alone. A step's caller hears
/// of it only after the commit, as with a transaction of its own.
/// </summary>
public sealed class SqliteStepWriter : IStepWriter, IAsyncDisposable
{
    private const int MaxStepsPerCommit = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public SqliteStepWriter(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        // The loop serves every step: it must not keep the span or log scope of whichever
        // request created the writer, or every commit would be parented there.
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(LoopAsync);
        }
    }

    public Task<bool> WriteAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        var pending = new Pending(statements, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        return _queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromException<bool>(new ObjectDisposedException(nameof(SqliteStepWriter)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxStepsPerCommit);
        var outcomes = new List<(Pending Step, bool Written, Exception? Error)>(MaxStepsPerCommit);
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

            if (batch.Count == 0)
            {
                continue;
            }

            outcomes.Clear();
            try
            {
                await CommitAsync(batch, outcomes).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Nothing of the batch was committed: every step in it fails and its caller decides.
                foreach (var step in batch)
                {
                    step.Done.TrySetException(e);
                }

                continue;
            }

            foreach (var (step, written, error) in outcomes)
            {
                if (error is not null)
                {
                    step.Done.TrySetException(error);
                }
                else
                {
                    step.Done.TrySetResult(written);
                }
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch, List<(Pending, bool, Exception?)> outcomes)
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            await _connection.OpenAsync().ConfigureAwait(false);
        }

        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync().ConfigureAwait(false);
        var shared = new StepTransaction(_connection, transaction, Command);
        foreach (var step in batch)
        {
            await transaction.SaveAsync("step").ConfigureAwait(false);
            try
            {
                var written = await shared.ExecuteAsync(step.Statements, step.CancellationToken).ConfigureAwait(false);
                if (!written)
                {
                    await transaction.RollbackAsync("step").ConfigureAwait(false);
                }

                await transaction.ReleaseAsync("step").ConfigureAwait(false);
                outcomes.Add((step, written, null));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                await transaction.RollbackAsync("step").ConfigureAwait(false);
                await transaction.ReleaseAsync("step").ConfigureAwait(false);
                outcomes.Add((step, false, e));
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private DbCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        return command;
    }

    private sealed record Pending(IReadOnlyList<Statement> Statements, TaskCompletionSource<bool> Done, CancellationToken CancellationToken);
}
