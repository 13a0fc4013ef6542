using System.Diagnostics;

namespace WfaaS.Bench.Workloads;

/// <summary>The service's resident memory when a share of the K executions waits.</summary>
internal sealed record RssMark(double Share, int Waiting, long RssBytes);

/// <summary>
/// waiting's figures: creation rate, RSS at 0, 10, 50 and 100 % of K and its growth from 10 % to 100 %,
/// and the database bytes each waiting execution adds.
/// </summary>
internal sealed record WaitingResult(
    int Executions,
    int Concurrency,
    double CreationSeconds,
    double CreationsPerSecond,
    IReadOnlyList<RssMark> Rss,
    double RssGrowth10To100,
    string SizeMeasure,
    long DatabaseBytesBefore,
    long DatabaseBytesAfter,
    double DatabaseBytesPerExecution);

/// <summary>
/// K executions parked on a <c>delegate</c>, created by C clients in three legs (to 10 %, 50 %, 100 %);
/// between legs, with nothing in flight, the service's VmRSS is read after a short settle.
/// </summary>
internal static class Waiting
{
    private static readonly double[] Marks = [0.10, 0.50, 1.00];
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static async Task<WaitingResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var (client, options, service, database) = (context.Client, context.Options, context.Service, context.Database);
        await client.PostDefinitionAsync(Definitions.Delegate(Definitions.WaitingName), cancellationToken);

        await Task.Delay(Settle, cancellationToken);
        var rss = new List<RssMark> { new(0, 0, service.RssBytes()) };
        var bytesBefore = await database.SizeBytesAsync(cancellationToken);
        var created = 0;
        var creating = TimeSpan.Zero;
        foreach (var mark in Marks)
        {
            var target = Math.Max(created, (int)Math.Round(options.K * mark));
            var clock = Stopwatch.StartNew();
            await Concurrently.RunAsync(target - created, options.C, async (_, ct) =>
                ExpectParked(await client.StartAsync(Definitions.WaitingName, ct), "waiting"), cancellationToken);
            creating += clock.Elapsed;
            created = target;
            await Task.Delay(Settle, cancellationToken);
            rss.Add(new RssMark(mark, created, service.RssBytes()));
        }

        var bytesAfter = await database.SizeBytesAsync(cancellationToken);
        var rss10 = rss.Single(r => r.Share == 0.10).RssBytes;
        var rss100 = rss.Single(r => r.Share == 1.00).RssBytes;
        return new WaitingResult(
            options.K,
            options.C,
            creating.TotalSeconds,
            options.K / creating.TotalSeconds,
            rss,
            (double)(rss100 - rss10) / rss10,
            database.SizeMeasure,
            bytesBefore,
            bytesAfter,
            (double)(bytesAfter - bytesBefore) / options.K);
    }

    /// <summary>A started execution must be RUNNING, parked on its delegate's callback with a callback URL.</summary>
    public static ExecutionView ExpectParked(ExecutionView execution, string workload) =>
        execution is { State: "RUNNING", WaitingKind: "callback", CallbackPath: not null }
            ? execution
            : throw new BenchFailure($"{workload}: execution {execution.Id} answered {execution.State} waiting on '{execution.WaitingKind}', expected RUNNING waiting on a callback with a callback_url.");
}
