using System.Diagnostics;

namespace WfaaS.Bench.Workloads;

/// <summary>
/// fan-out's figures (SPEC §9): the time one execution takes to fan a noop over E elements to
/// SUCCESS; and a callback to one element of a delegate fanned out over E elements beside one over
/// 10 elements (the cost of a step must not grow with the number of elements).
/// </summary>
internal sealed record FanOutResult(int Elements, double NoopSeconds, Stats LargeCallback, Stats SmallCallback, int Callbacks);

internal static class FanOut
{
    private const int SmallElements = 10;

    public static async Task<FanOutResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var (client, options) = (context.Client, context.Options);
        await client.PostDefinitionAsync(Definitions.FanOutNoop, cancellationToken);
        await client.PostDefinitionAsync(Definitions.FanOutDelegate, cancellationToken);

        var started = Stopwatch.GetTimestamp();
        var noop = await client.StartAsync(Definitions.FanOutNoopName, Elements(options.Elements), cancellationToken);
        var noopSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (noop.State != "SUCCESS")
        {
            throw new BenchFailure($"fan-out: the noop fan-out over {options.Elements} elements answered {noop.State}, not SUCCESS.");
        }

        var callbacks = Math.Min(options.M, options.Elements);
        var warmup = Math.Min(10, callbacks);
        var large = await CallbacksAsync(client, options.Elements, warmup + callbacks, warmup, cancellationToken);
        var small = await CallbacksAsync(client, SmallElements, warmup + callbacks, warmup, cancellationToken);
        return new FanOutResult(options.Elements, noopSeconds, Stats.Of(large), Stats.Of(small), callbacks);
    }

    /// <summary>
    /// Sends <paramref name="count"/> callbacks, one at a time, to elements of delegate fan-outs over
    /// <paramref name="elements"/> elements (a new execution when one runs out); the time of each
    /// callback request after the first <paramref name="warmup"/>. The step of each commits before it answers.
    /// </summary>
    private static async Task<List<TimeSpan>> CallbacksAsync(WfaasClient client, int elements, int count, int warmup, CancellationToken cancellationToken)
    {
        var times = new List<TimeSpan>(count);
        string? execution = null;
        var sent = 0;
        while (sent < count)
        {
            execution ??= (await client.StartAsync(Definitions.FanOutDelegateName, Elements(elements), cancellationToken)).Id;
            var waiting = await client.CallbackPathsAsync(execution, cancellationToken);
            if (waiting.Count == 0)
            {
                execution = null;
                continue;
            }

            foreach (var path in waiting.Values)
            {
                if (sent++ >= count)
                {
                    break;
                }

                var start = Stopwatch.GetTimestamp();
                await client.CallbackAsync(path, cancellationToken);
                if (sent > warmup)
                {
                    times.Add(Stopwatch.GetElapsedTime(start));
                }
            }
        }

        if (execution is not null && (await client.GetAsync(execution, cancellationToken)).State == "RUNNING")
        {
            await client.CancelAsync(execution, cancellationToken);
        }

        return times;
    }

    private static string Elements(int count) => $$"""{"elements": [{{string.Join(',', Enumerable.Range(0, count))}}]}""";
}
