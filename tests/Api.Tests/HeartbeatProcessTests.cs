using System.Net;
using WfaaS.Api.Tests.TestHost;
using WfaaS.Storage;
using WfaaS.TestKit;

namespace WfaaS.Api.Tests;

/// <summary>
/// SPEC §3.4, §5.2: heartbeats keep a delegate alive and silence fails it, against the real
/// service process in real time (the in-process timer wheel, the sweeps and the database as they
/// run in production; no fake clock to hide a timer that fires when it should not).
/// </summary>
public abstract class HeartbeatProcessTests(StorageProvider provider) : IAsyncLifetime
{
    /// <summary>
    /// Beats come every eighth of it. A service starved for a few seconds on a busy CI machine (seen
    /// with 2 s and a beat every 0.5 s: the deadline passed before a beat was handled) still hears one
    /// in time; the wheel fires on its own thread, so a timer is no longer late along with the requests.
    /// </summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(4);
    private TestDatabase? _database;
    private ServiceProcess? _service;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateAsync(provider);
        if (_database is not null)
        {
            _service = await ServiceProcess.StartAsync(_database, Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Heartbeats_ForThreeIntervals_KeepTheDelegateAlive_ThenTheCallbackCompletesIt()
    {
        using var client = Service.Client();
        var (id, callback) = await StartAsync(client);

        // Beats every eighth of the interval for three intervals: each replaces the deadline before it.
        for (var sent = TimeSpan.Zero; sent < 3 * Interval; sent += Interval / 8)
        {
            var beat = await client.PostAsync($"{callback.AbsolutePath}/heartbeat", null, Token);
            if (beat.StatusCode != HttpStatusCode.NoContent)
            {
                var h = await client.GetStringAsync(new Uri($"/api/v1/executions/{id}/history", UriKind.Relative), Token);
                Assert.Fail($"The beat {sent} after the first answered {(int)beat.StatusCode}; history: {h}");
            }

            await Task.Delay(Interval / 8, Token);
        }

        var still = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal("RUNNING", still.GetProperty("state").GetString());
        await HttpAssert.JsonAsync(await client.PostAsync(callback.AbsolutePath, Bodies.Json("""{"status": "success", "result": {"vm": 1}}"""), Token), HttpStatusCode.OK);

        var done = await ServiceProcess.WaitForStateAsync(client, id, "SUCCESS", Token);
        Assert.Equal(1, done.GetProperty("output").GetProperty("out").GetProperty("vm").GetInt32());
        var history = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/executions/{id}/history", Token), HttpStatusCode.OK);
        Assert.DoesNotContain(history.GetProperty("items").EnumerateArray(), h => h.GetProperty("to").GetString() == "FAILURE");
    }

    [Fact]
    public async Task Silence_FailsTheDelegateWithHeartbeatTimeout_AndLateHeartbeatsAreGone()
    {
        using var client = Service.Client();
        var (id, callback) = await StartAsync(client);

        var reverted = await ServiceProcess.WaitForStateAsync(client, id, "REVERTED", Token);

        Assert.Equal(("d", "HeartbeatTimeout"), (reverted.GetProperty("error").GetProperty("task").GetString(), reverted.GetProperty("error").GetProperty("type").GetString()));
        Assert.Equal(HttpStatusCode.Gone, (await client.PostAsync($"{callback.AbsolutePath}/heartbeat", null, Token)).StatusCode);
    }

    private ServiceProcess Service
    {
        get
        {
            Assert.SkipWhen(_service is null, PostgresTestDatabase.SkipReason);
            return _service!;
        }
    }

    private static async Task<(string Id, Uri Callback)> StartAsync(HttpClient client)
    {
        var name = await Executions.PostDefinitionAsync(client, $$$"""
            {"name": "{{{Bodies.UniqueName("hb")}}}", "flow": {"type": "linear", "items": [
              {"task": "d", "action": "delegate", "heartbeat": "PT{{{Interval.TotalSeconds}}}S", "timeout": "PT60S", "provides": "out"},
              {"task": "e", "action": "noop"}
            ]}}
            """, Token);
        var started = await Executions.StartAsync(client, name, "{}", Token);
        return (started.GetProperty("id").GetString()!, new Uri(started.GetProperty("waiting")[0].GetProperty("callback_url").GetString()!));
    }
}

public sealed class SqliteHeartbeatProcessTests() : HeartbeatProcessTests(StorageProvider.Sqlite);

public sealed class PostgresHeartbeatProcessTests() : HeartbeatProcessTests(StorageProvider.PostgreSql);
