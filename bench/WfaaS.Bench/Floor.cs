using System.Data.Common;
using System.Diagnostics;
using WfaaS.Bench.Databases;

namespace WfaaS.Bench;

/// <summary>One floor measurement: single-row INSERT + COMMIT transactions on <paramref name="Connections"/> connections at once.</summary>
internal sealed record FloorRun(int Connections, int Commits, double Seconds, double CommitsPerSecond, Stats Commit);

/// <summary>The physical floor of the database the service runs on: what one write transaction costs there.</summary>
internal sealed record FloorResult(string Database, string Table, int PayloadBytes, FloorRun Single, FloorRun Concurrent);

/// <summary>
/// Measures the floor: for a fixed time, each connection loops BEGIN; INSERT one row into
/// <c>bench_floor(id integer primary key, v text)</c>; COMMIT — once with one connection, once with C —
/// and times every transaction. The service pays at least one such commit per step.
/// </summary>
internal static class Floor
{
    private const int WarmupCommits = 50;
    private static readonly string Payload = new('x', 200);

    public static async Task<FloorResult> MeasureAsync(BenchDatabase database, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        await database.CreateFloorTableAsync(cancellationToken);
        var ids = new IdSource();
        try
        {
            await RunAsync(database, 1, ids, duration, WarmupCommits, cancellationToken);
            var single = await RunAsync(database, 1, ids, duration, null, cancellationToken);
            var concurrent = await RunAsync(database, concurrency, ids, duration, null, cancellationToken);
            return new FloorResult(database.Kind, "bench_floor(id integer primary key, v text)", Payload.Length, single, concurrent);
        }
        finally
        {
            await database.DropFloorTableAsync(CancellationToken.None);
        }
    }

    private static async Task<FloorRun> RunAsync(
        BenchDatabase database, int connections, IdSource ids, TimeSpan duration, int? maxCommits, CancellationToken cancellationToken)
    {
        var opened = new List<DbConnection>();
        try
        {
            for (var i = 0; i < connections; i++)
            {
                opened.Add(await database.OpenFloorConnectionAsync(cancellationToken));
            }

            var clock = Stopwatch.StartNew();
            var workers = opened.Select(connection => Task.Run(() => LoopAsync(connection, ids, clock, duration, maxCommits, cancellationToken), cancellationToken)).ToList();
            var samples = (await Task.WhenAll(workers)).SelectMany(s => s).ToList();
            var seconds = clock.Elapsed.TotalSeconds;
            return new FloorRun(connections, samples.Count, seconds, samples.Count / seconds, Stats.Of(samples));
        }
        finally
        {
            foreach (var connection in opened)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<List<TimeSpan>> LoopAsync(
        DbConnection connection, IdSource ids, Stopwatch clock, TimeSpan duration, int? maxCommits, CancellationToken cancellationToken)
    {
        var samples = new List<TimeSpan>();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO bench_floor(id, v) VALUES (@id, @v)";
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        command.Parameters.Add(id);
        var v = command.CreateParameter();
        v.ParameterName = "@v";
        v.Value = Payload;
        command.Parameters.Add(v);
        while (clock.Elapsed < duration && (maxCommits is null || samples.Count < maxCommits))
        {
            var started = Stopwatch.GetTimestamp();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                command.Transaction = transaction;
                id.Value = ids.Next();
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            samples.Add(Stopwatch.GetElapsedTime(started));
        }

        return samples;
    }

    private sealed class IdSource
    {
        private int _last;

        public int Next() => Interlocked.Increment(ref _last);
    }
}
