using System.Collections.Concurrent;
using System.Diagnostics;
using WfaaS.Bench.Target;

namespace WfaaS.Bench.Workloads;

/// <summary>
/// http's figures: H executions of one <c>http</c> task against an endpoint that answers after
/// 500 ms. <c>Seconds</c> runs from the first start until every execution was seen SUCCESS;
/// <c>ServerSeconds</c> from the earliest task start to the latest task finish the service recorded;
/// <c>MaxInFlight</c> is the most requests the endpoint held at once; <c>ServiceCpuMsPerExecution</c>
/// the service's CPU from the first start until every execution was seen SUCCESS (the polls' included).
/// </summary>
internal sealed record HttpCallsResult(
    int Executions, double EndpointLatencyMs, double StartSeconds, double Seconds, double ServerSeconds, double ExecutionsPerSecond, int MaxInFlight,
    double ServiceCpuMsPerExecution);

/// <summary>
/// Issue 15: an <c>http</c> action must not hold a worker for its call, so H slow calls overlap.
/// H executions are started by C clients as fast as they go; then each is polled until SUCCESS.
/// A fifth as many run first, untimed: the bench's warm-up does not reach the http path, and its
/// first calls would otherwise be timed while the JIT compiles HttpClient and the resilience pipeline.
/// </summary>
internal static class HttpCalls
{
    public static readonly TimeSpan EndpointLatency = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PollPause = TimeSpan.FromMilliseconds(50);

    public static async Task<HttpCallsResult> RunAsync(WorkloadContext context, SlowEndpoint endpoint, CancellationToken cancellationToken)
    {
        var (client, options) = (context.Client, context.Options);
        await client.PostDefinitionAsync(Definitions.Http(new Uri(endpoint.BaseUrl, "/slow")), cancellationToken);
        var warmup = await StartAsync(client, Math.Max(1, options.HttpCalls / 5), options.C, cancellationToken);
        await UntilSucceeded.RunAsync(client, warmup, options.C, PollPause, "http", cancellationToken);
        endpoint.Reset();

        var cpuBefore = context.Service.CpuTime();
        var clock = Stopwatch.StartNew();
        var ids = await StartAsync(client, options.HttpCalls, options.C, cancellationToken);
        var startSeconds = clock.Elapsed.TotalSeconds;

        await UntilSucceeded.RunAsync(client, ids, options.C, PollPause, "http", cancellationToken);

        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = context.Service.CpuTime() - cpuBefore;
        var spans = new ConcurrentBag<(DateTimeOffset Started, DateTimeOffset Finished)>();
        await Concurrently.RunAsync(ids.Count, options.C, async (i, ct) =>
        {
            var call = (await client.TasksAsync(ids[i], ct)).SingleOrDefault(t => t.Name == "call");
            spans.Add(call is { State: "SUCCESS", StartedAt: { } started, FinishedAt: { } finished }
                ? (started, finished)
                : throw new BenchFailure($"http: execution {ids[i]}'s call task is {call?.State ?? "missing"} or lacks started_at / finished_at."));
        }, cancellationToken);
        var serverSeconds = (spans.Max(s => s.Finished) - spans.Min(s => s.Started)).TotalSeconds;
        return new HttpCallsResult(
            options.HttpCalls, EndpointLatency.TotalMilliseconds, startSeconds, seconds, serverSeconds, options.HttpCalls / seconds, endpoint.MaxInFlight,
            cpu.TotalMilliseconds / options.HttpCalls);
    }

    private static async Task<List<string>> StartAsync(WfaasClient client, int count, int concurrency, CancellationToken cancellationToken)
    {
        var ids = new ConcurrentBag<string>();
        await Concurrently.RunAsync(count, concurrency, async (_, ct) =>
        {
            var execution = await client.StartAsync(Definitions.HttpName, ct);
            ids.Add(execution.State == "RUNNING"
                ? execution.Id
                : throw new BenchFailure($"http: execution {execution.Id} answered {execution.State}, expected RUNNING."));
        }, cancellationToken);
        return [.. ids];
    }
}
