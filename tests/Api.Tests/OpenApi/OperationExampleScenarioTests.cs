using System.Text.Json.Nodes;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.OpenApi;

/// <summary>
/// Issue 16: every operation's Swagger example is a request that works against a fresh service,
/// taken in the order of the steps the document numbers (<c>x-example: {step, status}</c>; see
/// <see cref="ExampleScenario"/>). Read from the served document, so an example that stops working,
/// a step that stops leaving what the next one needs, or a new operation without an example fails here.
/// </summary>
public abstract class OperationExampleScenarioTests(ApiFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_EveryOperationHasAStep_AndEveryBodyAnExample()
    {
        var operations = await ExampleScenario.OperationsAsync(fixture.Factory.CreateClient(), Token);

        Assert.All(operations, o => Assert.True(o.Operation["x-example"] is JsonObject, $"{o.Id} has no x-example"));
        Assert.Equal(Enumerable.Range(1, operations.Count), operations.Select(o => o.Step));
        Assert.All(operations.Where(o => o.Operation["requestBody"] is not null), o =>
            Assert.True(o.BodyExample is not null, $"{o.Id} takes a body but shows no JSON example"));
        Assert.All(operations, o => Assert.True(o.Operation["responses"]?[o.StatusText] is not null,
            $"{o.Id}: x-example.status {o.Status} is not one of its documented responses"));
        Assert.All(operations.SelectMany(o => (o.Operation["parameters"]?.AsArray() ?? []).Select(p => (o, p!))), x =>
        {
            var (operation, parameter) = x;
            if (parameter["x-example-from"]?["operation"]?.GetValue<string>() is { } source)
            {
                Assert.True(operations.Single(o => o.Id == source).Step < operation.Step, $"{operation}: '{parameter["name"]}' comes from the later {source}");
            }
        });
        string[] named = ["Callback", "Heartbeat", "Decide", "ListApprovals", "PauseExecution", "ResumeExecution", "CancelExecution",
            "RetryExecution", "RevertExecution", "RunToCheckpoint", "CreateTrigger", "ListTriggers", "GetTrigger", "DeleteTrigger", "DeleteWorkflow"];
        Assert.All(named, id => Assert.Contains(id, operations.Select(o => o.Id)));
    }

    [Fact]
    public async Task Examples_TakenInStepOrder_AnswerTheirDocumentedStatus()
    {
        var client = fixture.Factory.CreateClient();
        var scenario = new ExampleScenario(client);
        var operations = await ExampleScenario.OperationsAsync(client, Token);

        foreach (var operation in operations)
        {
            await scenario.RunAsync(operation, Token);
        }

        Assert.Contains("Heartbeat", operations.Select(o => o.Id));
        Assert.True(operations.Count >= 27, string.Join(", ", operations));
    }
}

public sealed class SqliteOperationExampleScenarioTests(SqliteApiFixture fixture) : OperationExampleScenarioTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresOperationExampleScenarioTests(PostgresApiFixture fixture) : OperationExampleScenarioTests(fixture), IClassFixture<PostgresApiFixture>;
