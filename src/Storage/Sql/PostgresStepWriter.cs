using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Npgsql;

namespace WfaaS.Storage.Sql;

/// <summary>
/// PostgreSQL group commit. Steps queue here and one connection sends everything waiting as one
/// batch: one implicit transaction, one commit, one round trip for all of them. Each step is one
/// statement: its check (the execution row, by row version or by unique key) as the first
/// data-modifying CTE, every other write conditional on it (<c>WHERE EXISTS (SELECT 1 FROM
/// step_check)</c>), and one row back saying whether the check held, with the keys it generated.
/// A step that lost its race writes nothing and the others commit; no error steers anything. Only
/// a real error (the server, a key no check foresaw) undoes the batch; then each step goes alone.
/// A step of many statements (a large fan-out's start) goes alone too, as plain statements in a
/// transaction of its own after its check: PostgreSQL's time to parse, bind and run one statement
/// of thousands of CTEs grows faster than their count (a 10,000-element fan-out's start, 20,000
/// statements, took 19 s as one; as plain statements, well under one).
/// </summary>
public sealed partial class PostgresStepWriter : IStepWriter, IAsyncDisposable
{
    private const int MaxStepsPerCommit = 128;
    private const int MaxCachedShapes = 1024;
    private const int MaxStatementsInOne = 64;
    private static readonly ConcurrentDictionary<StatementShape[], string> Conditionals = new(ShapeComparer.Instance);
    private const string Check = "step_check";
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _connectionString;
    private readonly Task _loop;
    private NpgsqlConnection? _connection;

    public PostgresStepWriter(string connectionString)
    {
        _connectionString = connectionString;
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
        return _queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromException<bool>(new ObjectDisposedException(nameof(PostgresStepWriter)));
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

    /// <summary>
    /// <see cref="Conditional"/>, built once per shape of step: a step's statements come from a few
    /// shapes (<see cref="RowSql"/>), and building the text cost more than the database's part.
    /// </summary>
    internal static string ConditionalOf(IReadOnlyList<Statement> statements)
    {
        var shape = new StatementShape[statements.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = new StatementShape(statements[i].Sql, statements[i].IsCheck, statements[i].KeyReceived is not null);
        }

        if (Conditionals.TryGetValue(shape, out var sql))
        {
            return sql;
        }

        sql = Conditional(statements);
        if (Conditionals.Count < MaxCachedShapes)
        {
            Conditionals.TryAdd(shape, sql);
        }

        return sql;
    }

    /// <summary>The one statement of a checked step (see the class summary); its parameters follow <paramref name="statements"/> in order.</summary>
    internal static string Conditional(IReadOnlyList<Statement> statements)
    {
        var sql = new StringBuilder("WITH ");
        var keys = new List<string>();
        var offset = 0;
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            var text = statement switch
            {
                { IsCheck: true, Insert: { } insert } => $"{insert.Head} VALUES ({insert.Values}) ON CONFLICT DO NOTHING RETURNING 1",
                { IsCheck: true } => statement.Sql + " RETURNING 1",
                { Insert: { } insert } => $"{insert.Head} SELECT {insert.Values} WHERE EXISTS (SELECT 1 FROM {Check})"
                    + insert.OnConflict + (insert.Returning is { } key ? $" RETURNING {key}" : string.Empty),
                _ => $"{statement.Sql} AND EXISTS (SELECT 1 FROM {Check})",
            };
            var name = i == 0 ? Check : "s" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? string.Empty : ", ").Append(name).Append(" AS (").Append(Renumber(text, offset)).Append(')');
            if (i > 0 && statement.KeyReceived is not null)
            {
                keys.Add($"(SELECT {statement.Insert!.Returning} FROM {name})");
            }

            offset += statement.Values.Count;
        }

        sql.Append(" SELECT (SELECT count(*) FROM ").Append(Check).Append(')');
        foreach (var key in keys)
        {
            sql.Append(", ").Append(key);
        }

        return sql.ToString();
    }

    private static string Renumber(string sql, int offset) =>
        offset == 0 ? sql : Parameters().Replace(sql, m => RowSql.Parameter(int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + offset));

    [GeneratedRegex(@"@p(\d+)\b")]
    private static partial Regex Parameters();

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

            foreach (var large in batch.Where(IsLarge).ToList())
            {
                batch.Remove(large);
                await CommitAloneAsync(large).ConfigureAwait(false);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var written = await CommitAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(written[i]);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Nothing of the batch was committed. Each step goes again alone, so one that cannot
                // be written fails by itself.
                await ResetAsync().ConfigureAwait(false);
                foreach (var step in batch)
                {
                    await CommitAloneAsync(step).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task CommitAloneAsync(Pending step)
    {
        try
        {
            step.Done.TrySetResult((await CommitAsync([step]).ConfigureAwait(false))[0]);
        }
        catch (DbException e) when (SqlDialect.IsLostRace(e))
        {
            step.Done.TrySetResult(false);
            await ResetAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            step.Done.TrySetException(e);
            await ResetAsync().ConfigureAwait(false);
        }
    }

    private static bool IsLarge(Pending step) => step.Checked && step.Statements.Count > MaxStatementsInOne;

    private async Task<NpgsqlConnection> ConnectionAsync()
    {
        if (_connection is null)
        {
            _connection = new NpgsqlConnection(_connectionString);
            await _connection.OpenAsync().ConfigureAwait(false);
        }

        return _connection;
    }

    /// <returns>Per step, whether it was written.</returns>
    private async Task<bool[]> CommitAsync(List<Pending> steps)
    {
        if (steps is [var only] && IsLarge(only))
        {
            return [await CommitLargeAsync(only).ConfigureAwait(false)];
        }

        var connection = await ConnectionAsync().ConfigureAwait(false);
        await using var parameters = connection.CreateCommand();
        await using var batch = connection.CreateBatch();
        foreach (var step in steps)
        {
            if (step.Checked)
            {
                Add(batch, parameters, ConditionalOf(step.Statements), step.Statements.SelectMany(s => s.Values));
            }
            else
            {
                foreach (var statement in step.Statements)
                {
                    Add(batch, parameters, statement.Sql, statement.Values);
                }
            }
        }

        var written = new bool[steps.Count];
        // As a DbDataReader: an awaiter of NpgsqlDataReader in this state machine would load Npgsql on
        // SQLite too, when EF Core's migrations scan loads every type of this assembly (docs/memory.md).
        await using var reader = await ((DbBatch)batch).ExecuteReaderAsync().ConfigureAwait(false);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (!step.Checked)
            {
                await ReceiveKeysAsync(reader, step.Statements).ConfigureAwait(false);
                written[i] = true;
                continue;
            }

            if (!await reader.ReadAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException("A checked step's statement gave back no row.");
            }

            written[i] = reader.GetInt64(0) == 1;
            var column = 1;
            foreach (var statement in step.Statements.Skip(1).Where(s => s.KeyReceived is not null))
            {
                if (written[i])
                {
                    statement.KeyReceived!(reader.GetInt64(column));
                }

                column++;
            }

            await reader.NextResultAsync().ConfigureAwait(false);
        }

        return written;
    }

    /// <summary>
    /// A large step: its check alone first (a start's insert as <c>ON CONFLICT DO NOTHING</c>), and
    /// only if it wrote its one row, the rest as one batch of plain statements, in one transaction.
    /// </summary>
    private async Task<bool> CommitLargeAsync(Pending step)
    {
        DbConnection connection = await ConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var check = step.Statements[0];
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            check.Bind(command);
            if (check.Insert is { } insert)
            {
                command.CommandText = $"{insert.Head} VALUES ({insert.Values}) ON CONFLICT DO NOTHING";
            }

            if (await command.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
                return false;
            }
        }

        var rest = step.Statements.Skip(1).ToList();
        await using (var parameters = connection.CreateCommand())
        await using (var batch = ((NpgsqlConnection)connection).CreateBatch())
        {
            foreach (var statement in rest)
            {
                Add(batch, parameters, statement.Sql, statement.Values);
            }

            await using var reader = await ((DbBatch)batch).ExecuteReaderAsync().ConfigureAwait(false);
            await ReceiveKeysAsync(reader, rest).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Reads the keys of plain <paramref name="statements"/> run in a batch: only those that return one yield a result.</summary>
    private static async Task ReceiveKeysAsync(DbDataReader reader, IEnumerable<Statement> statements)
    {
        foreach (var statement in statements.Where(s => s.KeyReceived is not null))
        {
            await reader.ReadAsync().ConfigureAwait(false);
            statement.KeyReceived!(reader.GetInt64(0));
            await reader.NextResultAsync().ConfigureAwait(false);
        }
    }

    private static void Add(NpgsqlBatch batch, DbCommand parameters, string sql, IEnumerable<StatementValue> values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        var index = 0;
        foreach (var (mapping, value) in values)
        {
            command.Parameters.Add(mapping.CreateParameter(parameters, RowSql.Parameter(index++), value));
        }

        batch.BatchCommands.Add(command);
    }

    private async Task ResetAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    private sealed record Pending(IReadOnlyList<Statement> Statements, TaskCompletionSource<bool> Done, CancellationToken CancellationToken)
    {
        /// <summary>Steps of an execution start with their check; the others (marking an outbox row done, a timer used up) have none.</summary>
        public bool Checked => Statements.Count > 0 && Statements[0].IsCheck;
    }

    /// <summary>What of a statement decides its part of <see cref="Conditional"/>: its text (which fixes its parameters and insert parts), whether it is the check, whether it returns a key.</summary>
    private readonly record struct StatementShape(string Sql, bool IsCheck, bool ReturnsKey);

    private sealed class ShapeComparer : IEqualityComparer<StatementShape[]>
    {
        public static readonly ShapeComparer Instance = new();

        public bool Equals(StatementShape[]? x, StatementShape[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(StatementShape[] obj)
        {
            var hash = default(HashCode);
            foreach (var shape in obj)
            {
                hash.Add(shape);
            }

            return hash.ToHashCode();
        }
    }
}
