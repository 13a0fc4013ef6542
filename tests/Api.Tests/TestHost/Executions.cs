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
    /// Waits on the commit itself (<see cref="CommitWatcher"/>) until the execution commits
    /// <paramref name="state"/> or a final state, then asserts it is <paramref name="state"/> and
    /// returns the execution as GET shows it. Bounded by <see cref="CommitWatcher.Patience"/>; time
    /// moves only when the test advances the fake clock.
    /// </summary>
    public static async Task<JsonElement> WaitForStateAsync(WfaasApiFactory factory, string id, string state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var reached = await factory.Commits.WaitForStateAsync(Guid.Parse(id), [state, .. CommitWatcher.FinalStates.Where(s => s != state)], cancellationToken);
        var execution = await HttpAssert.JsonAsync(await factory.CreateClient().GetAsync($"/api/v1/executions/{id}", cancellationToken), HttpStatusCode.OK);
        Assert.True(reached == state, $"Execution {id} committed {reached}, not {state}: {execution}");
        Assert.Equal(state, execution.GetProperty("state").GetString());
        return execution;
    }

    /// <summary>
    /// Moves <paramref name="clock"/> a second at a time until <paramref name="done"/> completes: for
    /// work that waits on the service's clock at a moment the test cannot see (Polly's backoff
    /// between attempts inside one http attempt). Each step waits for <paramref name="done"/> itself,
    /// briefly, before moving the clock again; bounded by <see cref="CommitWatcher.Patience"/>.
    /// </summary>
    public static async Task<T> AdvanceUntilAsync<T>(FakeTimeProvider clock, Task<T> done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(done);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(CommitWatcher.Patience);
        while (!done.IsCompleted)
        {
            try
            {
                await done.WaitAsync(TimeSpan.FromMilliseconds(50), patience.Token);
            }
            catch (TimeoutException)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return await done;
    }
}
