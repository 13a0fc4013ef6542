using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Api.Tests.TestHost;
using WfaaS.Scheduler.Timers;
using WfaaS.Storage;
using WfaaS.TestKit;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Timers;

/// <summary>
/// A timer's execution is read before it is due (Scheduler:TimerReadAhead, 50 ms); a step
/// committed in between must not be lost when the timer fires on what was read.
/// </summary>
public sealed class TimerReadAheadTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task StepCommittedAfterTheReadAhead_IsKept_AndTheTimerStillFires(StorageProvider provider)
    {
        await using var database = TestDatabases.Require(await TestDatabases.CreateAsync(provider));
        var reads = new ReadWatcher();
        await using var factory = new WfaasApiFactory(database, services: s =>
            s.AddSingleton<ITimerFirer>(p => reads.Watch(p.GetRequiredService<TimerFirer>())));
        var client = factory.CreateClient();
        var name = await PostDefinitionAsync(client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "output": ["woke", "approval"], "flow": {"type": "unordered", "items": [
              {"task": "nap", "action": "wait", "input": {"duration": "PT10S"}, "provides": "woke"},
              {"task": "approve", "action": "approval", "input": {"prompt": "Go?"}, "provides": "approval"}
            ]}}
            """, Token);
        var id = (await StartAsync(client, name, "{}", Token)).GetProperty("id").GetString()!;
        var pending = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/approvals?state=pending", Token), HttpStatusCode.OK);
        var approveUrl = new Uri(pending.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("execution_id").GetString() == id)
            .GetProperty("approve_url").GetString()!).AbsolutePath;

        factory.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(30));
        await reads.OfExecutionAsync(Guid.Parse(id)).WaitAsync(TimeSpan.FromSeconds(30), Token);
        await HttpAssert.JsonAsync(
            await client.PostAsync(approveUrl, Bodies.Json("""{"decision": "approve", "by": "ann"}"""), Token), HttpStatusCode.OK);

        factory.Time.Advance(TimeSpan.FromMilliseconds(30));

        var done = await WaitForStateAsync(factory, id, "SUCCESS", Token);
        var output = done.GetProperty("output");
        Assert.Equal("ann", output.GetProperty("approval").GetProperty("by").GetString());
        Assert.True(output.GetProperty("woke").TryGetProperty("fired_at", out _));
        var history = await factory.StoredHistoryAsync(id);
        Assert.Contains(history, e => e.Subject == "task" && e.Name == "approve" && e.To == "SUCCESS");
        Assert.Contains(history, e => e.Subject == "task" && e.Name == "nap" && e.To == "SUCCESS");
    }

    /// <summary>The real firer, with each read ahead kept by execution so a test can await it.</summary>
    private sealed class ReadWatcher
    {
        private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _reads = new();

        public Task OfExecutionAsync(Guid id) => Read(id).Task;

        public ITimerFirer Watch(TimerFirer firer) => new Watched(firer, this);

        private TaskCompletionSource Read(Guid id) => _reads.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        private sealed class Watched(TimerFirer firer, ReadWatcher watcher) : ITimerFirer
        {
            public async Task ReadAhead(IReadOnlyList<DueTimer> timers)
            {
                await firer.ReadAhead(timers);
                foreach (var timer in timers)
                {
                    watcher.Read(timer.ExecutionId).TrySetResult();
                }
            }

            public void Fire(DueTimer timer) => firer.Fire(timer);
        }
    }
}
