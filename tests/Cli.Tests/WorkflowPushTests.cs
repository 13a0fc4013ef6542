using WfaaS.Cli.Tests.TestHost;

namespace WfaaS.Cli.Tests;

/// <summary><c>wfaas workflow push FILE</c> against the real service (SPEC §11, §6 <c>POST /workflows</c>).</summary>
public sealed class WorkflowPushTests(CliService service) : IClassFixture<CliService>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_YamlFile_StoresVersionOneThenSaysUnchanged()
    {
        var name = Definitions.UniqueName("hello");
        var file = Definitions.File(Definitions.HelloYaml(name), ".yaml");

        var first = await Tool.RunAsync(service, ["workflow", "push", file], Token);
        var again = await Tool.RunAsync(service, ["workflow", "push", file], Token);

        Assert.Equal((0, $"Workflow {name}: version 1 stored.\n", ""), (first.ExitCode, first.Out, first.Error));
        Assert.Equal((0, $"Workflow {name}: unchanged, version 1 has this text.\n"), (again.ExitCode, again.Out));
        using var api = service.Api();
        var stored = await ApiJson.GetAsync(api, $"/api/v1/workflows/{name}", Token);
        Assert.Equal(("application/yaml", 1), (stored["content_type"]!.GetValue<string>(), stored["version"]!.GetValue<int>()));
        Assert.Equal("Hello, ${who}!", stored["definition"]!["flow"]!["items"]![0]!["input"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Push_JsonFileWithJson_PrintsTheApisAnswer()
    {
        var name = Definitions.UniqueName("undo");
        var file = Definitions.File(Definitions.UndoJson(name), ".json");

        var pushed = await Tool.RunAsync(service, ["workflow", "push", file, "--json"], Token);

        Assert.Equal((0, ""), (pushed.ExitCode, pushed.Error));
        using var api = service.Api();
        var stored = await ApiJson.GetAsync(api, $"/api/v1/workflows/{name}/versions/1", Token);
        ApiJson.Equal(stored, ApiJson.Parse(pushed.Out));
        Assert.Equal("application/json", stored["content_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Push_InvalidDefinition_PrintsEveryValidationErrorAndExitsTwo()
    {
        var file = Definitions.File("""
            name: broken
            flow:
              type: linear
              items:
                - {task: a, action: teleport}
                - {task: b, action: echo, input: {value: "${nobody_provides_this}"}}
            """, ".yml");

        var pushed = await Tool.RunAsync(service, ["workflow", "push", file], Token);

        Assert.Equal((2, ""), (pushed.ExitCode, pushed.Out));
        var lines = pushed.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("wfaas: Validation failed (HTTP 422): ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("  flow.items[0].action: ", StringComparison.Ordinal) && l.Contains("teleport", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  flow.items[1]", StringComparison.Ordinal) && l.Contains("nobody_provides_this", StringComparison.Ordinal));
        using var api = service.Api();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await api.GetAsync(new Uri("/api/v1/workflows/broken", UriKind.Relative), Token)).StatusCode);
    }

    [Fact]
    public async Task Push_MissingFile_IsAUsageErrorThatSendsNothing()
    {
        var pushed = await Tool.RunAsync(service, ["workflow", "push", "/nonexistent/flow.yaml"], Token);

        Assert.Equal((2, "", "wfaas: No such file: /nonexistent/flow.yaml\n"), (pushed.ExitCode, pushed.Out, pushed.Error));
    }
}
