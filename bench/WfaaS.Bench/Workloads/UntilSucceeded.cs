using System.Collections.Concurrent;

namespace WfaaS.Bench.Workloads;

/// <summary>Polls executions, C at a time, until every one is SUCCESS; any other final state fails the workload.</summary>
internal static class UntilSucceeded
{
    public static async Task RunAsync(
        WfaasClient client, IReadOnlyCollection<string> ids, int concurrency, TimeSpan pause, string workload, CancellationToken cancellationToken)
    {
        var pending = ids.ToList();
        while (pending.Count > 0)
        {
            var stillRunning = new ConcurrentBag<string>();
            await Concurrently.RunAsync(pending.Count, concurrency, async (i, ct) =>
            {
                var execution = await client.GetAsync(pending[i], ct);
                if (execution.State == "RUNNING")
                {
                    stillRunning.Add(execution.Id);
                }
                else if (execution.State != "SUCCESS")
                {
                    throw new BenchFailure($"{workload}: execution {execution.Id} is {execution.State}, expected SUCCESS.");
                }
            }, cancellationToken);
            pending = [.. stillRunning];
            if (pending.Count > 0)
            {
                await Task.Delay(pause, cancellationToken);
            }
        }
    }
}
