using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace WfaaS.Api.Tests.TestHost;

internal static class Executions
{
    public static async Task<string> PostDefinitionAsync(HttpClient client, string definition, CancellationToken cancellationToken)
    {
        var response = await client.PostAsync("/api/v1/workflows", Bodies.Json(definition), cancellationToken);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("name").GetString()!;
    }

    public static async Task<JsonElement> StartAsync(HttpClient client, string workflow, string input, CancellationToken cancellationToken)
    {
        var response = await client.PostAsync("/api/v1/executions", Bodies.Json($$"""{"workflow": "{{workflow}}", "input": {{input}}}"""), cancellationToken);
        return await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>
    /// Polls until the execution reaches <paramref name="state"/>: the work runs on Hangfire's workers,
    /// so the test waits for real processing, never for a timer (timers move with the fake clock).
    /// </summary>
    /// <param name="client">The client of the service.</param>
    /// <param name="id">The execution.</param>
    /// <param name="state">The state to wait for.</param>
    /// <param name="cancellationToken">The test's token.</param>
    /// <param name="clock">When given, moves on a second per poll (for work that backs off on the service's clock, e.g. Polly retries).</param>
    public static async Task<JsonElement> WaitForStateAsync(
        HttpClient client, string id, string state, CancellationToken cancellationToken, FakeTimeProvider? clock = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonElement execution;
        do
        {
            execution = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/executions/{id}", cancellationToken), HttpStatusCode.OK);
            if (execution.GetProperty("state").GetString() == state)
            {
                return execution;
            }

            await Task.Delay(50, cancellationToken);
            clock?.Advance(TimeSpan.FromSeconds(1));
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Execution {id} is {execution.GetProperty("state").GetString()}, not {state}: {execution}");
        return execution;
    }
}
