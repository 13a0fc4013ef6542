using System.Text.Json.Nodes;
using WfaaS.Cli.Tests.TestHost;

namespace WfaaS.Cli.Tests;

/// <summary><c>wfaas executions</c> and <c>wfaas history ID</c> against the real service (SPEC §11).</summary>
public sealed class ReadCommandTests(CliService service) : IClassFixture<CliService>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Executions_FilteredByWorkflowAndState_ListsExactlyThoseNewestFirst()
    {
        var name = await PushAsync(Definitions.ProvisionYaml(Definitions.UniqueName("provision")));
        var waiting = await StartAsync(name);
        await PushAsync(Definitions.ProvisionYaml(Definitions.UniqueName("provision")));   // another workflow's execution is not listed
        using var api = service.Api();
        var cancelled = await StartAsync(name);
        Assert.True((await api.PostAsync(new Uri($"/api/v1/executions/{cancelled}/cancel", UriKind.Relative), null, Token)).IsSuccessStatusCode);
        var newest = await StartAsync(name);

        var running = await Tool.RunAsync(service, ["executions", "--workflow", name, "--state", "RUNNING"], Token);
        var all = await Tool.RunAsync(service, ["executions", "--workflow", name], Token);

        Assert.Equal((0, ""), (running.ExitCode, running.Error));
        Assert.Equal(["ID", "WORKFLOW", "VERSION", "STATE", "CREATED", "FINISHED"], running.OutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal([newest, waiting], running.OutLines.Skip(1).Select(l => l.Split(' ')[0]));
        Assert.All(running.OutLines.Skip(1), l => Assert.Equal([name, "1", "RUNNING"], l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..4]));
        Assert.Equal([newest, cancelled, waiting], all.OutLines.Skip(1).Select(l => l.Split(' ')[0]));
        Assert.Equal("CANCELLED", all.OutLines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]);
    }

    [Fact]
    public async Task ExecutionsJson_PrintsTheApisPage_AndTheCursorOfTheNext()
    {
        var name = await PushAsync(Definitions.HelloYaml(Definitions.UniqueName("hello")));
        foreach (var who in new[] { "a", "b", "c" })
        {
            Assert.Equal(0, (await Tool.RunAsync(service, ["run", name, "--input", $"who={who}"], Token)).ExitCode);
        }

        var json = await Tool.RunAsync(service, ["executions", "--workflow", name, "--state", "success", "--limit", "2", "--json"], Token);
        var text = await Tool.RunAsync(service, ["executions", "--workflow", name, "--limit", "2"], Token);

        using var api = service.Api();
        var page = await ApiJson.GetAsync(api, $"/api/v1/executions?workflow={name}&state=success&limit=2", Token);
        ApiJson.Equal(page, ApiJson.Parse(json.Out));
        var cursor = page["next_cursor"]!.GetValue<string>();
        Assert.Equal($"More: --cursor {cursor}", text.OutLines[^1]);
        var next = await Tool.RunAsync(service, ["executions", "--workflow", name, "--limit", "2", "--cursor", cursor], Token);
        Assert.Equal(2, next.OutLines.Count);   // the header and the oldest
    }

    [Fact]
    public async Task History_PrintsEveryTransitionAsTheApiHasIt()
    {
        var name = await PushAsync(Definitions.UndoJson(Definitions.UniqueName("undo")));
        var id = await StartAsync(name);

        var text = await Tool.RunAsync(service, ["history", id], Token);
        var json = await Tool.RunAsync(service, ["history", id, "--json"], Token);

        using var api = service.Api();
        var history = await ApiJson.GetAsync(api, $"/api/v1/executions/{id}/history", Token);
        ApiJson.Equal(history, ApiJson.Parse(json.Out));
        var items = history["items"]!.AsArray();
        Assert.Equal((0, items.Count + 1), (text.ExitCode, text.OutLines.Count));
        Assert.All(items.Zip(text.OutLines.Skip(1)), pair =>
        {
            var cells = pair.Second.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var entry = pair.First!;
            Assert.Equal(
                [$"{entry["seq"]}", entry["subject"]!.GetValue<string>(), entry["name"]!.GetValue<string>(), entry["from"]?.GetValue<string>() ?? "-", entry["to"]!.GetValue<string>()],
                [cells[0], cells[2], cells[3], cells[4], cells[5]]);
        });
        Assert.Contains(text.OutLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, _, _, "task", "c", "RUNNING", "FAILURE", ..]);
    }

    [Fact]
    public async Task HistoryJson_SeveralPages_PrintsThemAsOnePage()
    {
        var name = await PushAsync(Definitions.ManyTasksJson(Definitions.UniqueName("long"), 300));
        var id = await StartAsync(name);

        var json = await Tool.RunAsync(service, ["history", id, "--json"], Token);
        var text = await Tool.RunAsync(service, ["history", id], Token);

        using var api = service.Api();
        var first = await ApiJson.GetAsync(api, $"/api/v1/executions/{id}/history", Token);
        Assert.NotNull(first["next_cursor"]);   // more than one page, or this test tests nothing
        var all = await ApiJson.HistoryAsync(api, id, Token);
        ApiJson.Equal(new JsonObject { ["items"] = all, ["next_cursor"] = null }, ApiJson.Parse(json.Out));
        Assert.Equal(all.Count + 1, text.OutLines.Count);
        Assert.Equal($"{all.Count}", text.OutLines[^1].Split(' ')[0]);
    }

    [Fact]
    public async Task History_UnknownExecutionOrNotAnId_SaysWhichAndExitsTwo()
    {
        var unknown = Guid.NewGuid();

        var missing = await Tool.RunAsync(service, ["history", unknown.ToString()], Token);
        var malformed = await Tool.RunAsync(service, ["history", "latest"], Token);

        Assert.Equal((2, "", $"wfaas: Not found (HTTP 404): Execution '{unknown}' does not exist.\n"), (missing.ExitCode, missing.Out, missing.Error));
        Assert.Equal((2, "wfaas: 'latest' is not an execution id (a UUID).\n"), (malformed.ExitCode, malformed.Error));
    }

    private async Task<string> PushAsync(string yaml)
    {
        var pushed = await Tool.RunAsync(service, ["workflow", "push", Definitions.File(yaml, ".yaml"), "--json"], Token);
        Assert.Equal(0, pushed.ExitCode);
        return ApiJson.Parse(pushed.Out)["name"]!.GetValue<string>();
    }

    private async Task<string> StartAsync(string name)
    {
        var run = await Tool.RunAsync(service, ["run", name, "--input", "image=debian-13", "--input", "who=ann", "--json"], Token);
        Assert.Equal(0, run.ExitCode);
        return ApiJson.Parse(run.Out)["id"]!.GetValue<string>();
    }
}
