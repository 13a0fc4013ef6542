using System.Net;
using System.Text.Json;
using WfaaS.Api.Tests.TestHost;
using WfaaS.TestKit;

namespace WfaaS.Api.Tests;

/// <summary>
/// SPEC §1: nothing is alive per waiting execution. The real service is SIGKILLed while one
/// execution waits on a durable timer and another on a delegate's callback; a new process on the
/// same database and another port finishes both, with no transition applied twice.
/// </summary>
public sealed class KillAndRestartTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Kill9_DuringWaitAndDelegate_NewProcessFinishesBothExactlyOnce()
    {
        string waitId;
        string delegateId;
        await using (var first = await ServiceProcess.StartAsync(_database, Token))
        {
            using var client = first.Client();
            var napper = await TestHost.Executions.PostDefinitionAsync(client, $$$"""
                {"name": "{{{Bodies.UniqueName("nap")}}}", "flow": {"type": "linear", "items": [
                  {"task": "nap", "action": "wait", "input": {"duration": "PT3S"}}, {"task": "after", "action": "noop"}
                ]}}
                """, Token);
            var worker = await TestHost.Executions.PostDefinitionAsync(client, $$$"""
                {"name": "{{{Bodies.UniqueName("job")}}}", "flow": {"type": "linear", "items": [
                  {"task": "job", "action": "delegate"}, {"task": "after", "action": "noop"}
                ]}}
                """, Token);
            waitId = (await TestHost.Executions.StartAsync(client, napper, "{}", Token)).GetProperty("id").GetString()!;
            delegateId = (await TestHost.Executions.StartAsync(client, worker, "{}", Token)).GetProperty("id").GetString()!;

            first.Kill();
        }

        await using var second = await ServiceProcess.StartAsync(_database, Token);
        using var again = second.Client();
        var waiting = await HttpAssert.JsonAsync(await again.GetAsync($"/api/v1/executions/{delegateId}", Token), HttpStatusCode.OK);
        var callbackUrl = new Uri(waiting.GetProperty("waiting")[0].GetProperty("callback_url").GetString()!);
        Assert.Equal(second.BaseUrl.Port, callbackUrl.Port);
        await HttpAssert.JsonAsync(await again.PostAsync(callbackUrl.AbsolutePath, Bodies.Json("""{"status": "success", "result": 1}"""), Token), HttpStatusCode.OK);

        await ServiceProcess.WaitForStateAsync(again, delegateId, "SUCCESS", Token);
        await ServiceProcess.WaitForStateAsync(again, waitId, "SUCCESS", Token);
        foreach (var id in new[] { waitId, delegateId })
        {
            var history = (await HttpAssert.JsonAsync(await again.GetAsync($"/api/v1/executions/{id}/history", Token), HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(h => h.GetProperty("seq").GetInt64()));
            var transitions = history.Select(Transition).ToList();
            Assert.Equal(transitions.Count, transitions.Distinct().Count());
        }
    }

    private static string Transition(JsonElement h) =>
        $"{h.GetProperty("subject")}/{h.GetProperty("name")}/{h.GetProperty("from")}/{h.GetProperty("to")}/{h.GetProperty("attempt")}";
}
