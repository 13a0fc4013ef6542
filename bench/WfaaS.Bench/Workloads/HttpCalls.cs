using System.Collections.Concurrent;
using System.Diagnostics;
using WfaaS.Bench.Target;

namespace WfaaS.Bench.Workloads;

/// <summary>
/// http's figures: H executions of one <c>http</c> task against an endpoint that answers after
/// 500 ms. <c>Seconds</c> runs from the first start until every execution was seen SUCCESS;
/// <c>ServerSeconds</c> from the earliest task start to the latest task finish the service recorded;
/// <c>MaxInFlight</c> is the most requests the endpoint held at once.
/// </summary>
internal sealed record HttpCallsResult(
    int Executions, double EndpointLatencyMs, double StartSeconds, double Seconds, double ServerSeconds, double ExecutionsPerSecond, int MaxInFlight);

/// <summary>
/// Issue 15: an <c>http</c> action must not hold a worker for its call, so H slow calls overlap.
/// H executions are started by C clients as fast as they go; then each is polled until SUCCESS.
/// </summary>
internal static class HttpCalls
{
    public static readonly TimeSpan EndpointLatency = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PollPause = TimeSpan.FromMilliseconds(50);

    public static async Task<HttpCallsResult> RunAsync(WorkloadContext context, SlowEndpoint endpoint, CancellationToken cancellationToken)
    {
        var (client, options) = (context.Client, context.Options);
        await client.PostDefinitionAsync(Definitions.Http(new Uri(endpoint.BaseUrl, "/slow")), cancellationToken);
        endpoint.Reset();

        var ids = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Concurrently.RunAsync(options.HttpCalls, options.C, async (_, ct) =>
        {
            var execution = await client.StartAsync(Definitions.HttpName, ct);
            ids.Add(execution.State == "RUNNING"
                ? execution.Id
                : throw new BenchFailure($"http: execution {execution.Id} answered {execution.State}, expected RUNNING."));
        }, cancellationToken);
        var startSeconds = clock.Elapsed.TotalSeconds;

        await UntilSucceeded.RunAsync(client, [.. ids], options.C, PollPause, "http", cancellationToken);

        var seconds = clock.Elapsed.TotalSeconds;
        var all = ids.ToList();
        var spans = new ConcurrentBag<(DateTimeOffset Started, DateTimeOffset Finished)>();
        await Concurrently.RunAsync(all.Count, options.C, async (i, ct) =>
        {
            var call = (await client.TasksAsync(all[i], ct)).SingleOrDefault(t => t.Name == "call");
            spans.Add(call is { State: "SUCCESS", StartedAt: { } started, FinishedAt: { } finished }
                ? (started, finished)
                : throw new BenchFailure($"http: execution {all[i]}'s call task is {call?.State ?? "missing"} or lacks started_at / finished_at."));
        }, cancellationToken);
        var serverSeconds = (spans.Max(s => s.Finished) - spans.Min(s => s.Started)).TotalSeconds;
        return new HttpCallsResult(
            options.HttpCalls, EndpointLatency.TotalMilliseconds, startSeconds, seconds, serverSeconds, options.HttpCalls / seconds, endpoint.MaxInFlight);
    }
}
