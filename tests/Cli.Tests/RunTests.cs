using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WfaaS.Cli.Tests.TestHost;

namespace WfaaS.Cli.Tests;

/// <summary><c>wfaas run NAME --input k=v … [--wait]</c> against the real service (SPEC §11).</summary>
public sealed partial class RunTests(CliService service) : IClassFixture<CliService>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunWait_LocalFlow_PrintsEveryTransitionOnceInOrderAndExitsZero()
    {
        var name = await PushAsync(Definitions.HelloYaml(Definitions.UniqueName("hello")), ".yaml");

        var run = await Tool.RunAsync(service, ["run", name, "--input", "who=Ada", "--wait"], Token);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var id = StartedId(run);
        await AssertProgressIsTheHistoryAsync(id, run);
        Assert.Equal($"Execution {id} ended SUCCESS.", run.OutLines[^2]);
        Assert.Equal("""output: {"greeting":"Hello, Ada!"}""", run.OutLines[^1]);
    }

    [Fact]
    public async Task RunWait_HistoryOfSeveralPages_PrintsEveryEntryOnce()
    {
        var name = await PushAsync(Definitions.ManyTasksJson(Definitions.UniqueName("long"), 300), ".json");

        var run = await Tool.RunAsync(service, ["run", name, "--wait"], Token);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var id = StartedId(run);
        await AssertProgressIsTheHistoryAsync(id, run);
        Assert.True(run.OutLines.Count > 600, $"{run.OutLines.Count} lines");
    }

    [Fact]
    public async Task RunWait_FailingFlow_ShowsTheRevertsAndExitsOne()
    {
        var name = await PushAsync(Definitions.UndoJson(Definitions.UniqueName("undo")), ".json");

        var run = await Tool.RunAsync(service, ["run", name, "--wait"], Token);

        Assert.Equal(1, run.ExitCode);
        var id = StartedId(run);
        await AssertProgressIsTheHistoryAsync(id, run);
        var reverted = run.OutLines.Select(l => TaskName().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["c", "b", "a"], reverted);
        Assert.Equal([$"Execution {id} ended REVERTED.", "error: c failed: DiskFull: disk full"], run.OutLines.TakeLast(2));
    }

    [Fact]
    public async Task RunWaitJson_PrintsTheFinishedExecutionAsTheApiDoesAndProgressOnStderr()
    {
        var name = await PushAsync(Definitions.UndoJson(Definitions.UniqueName("undo")), ".json");

        var run = await Tool.RunAsync(service, ["--json", "run", name, "--wait"], Token);

        Assert.Equal(1, run.ExitCode);
        var printed = ApiJson.Parse(run.Out);
        var id = printed["id"]!.GetValue<string>();
        using var api = service.Api();
        ApiJson.Equal(await ApiJson.GetAsync(api, $"/api/v1/executions/{id}", Token), printed);
        Assert.Equal("REVERTED", printed["state"]!.GetValue<string>());
        Assert.Contains("task c: RUNNING -> FAILURE", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJson_WithoutWait_PrintsTheStartAnswerWithJsonInputs()
    {
        var name = await PushAsync(Definitions.HelloYaml(Definitions.UniqueName("hello")), ".yaml");

        var run = await Tool.RunAsync(service, ["run", name, "--json", "-i", "who=Ada", "count:=3", "--input", """tags:=["a","b"]"""], Token);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var printed = ApiJson.Parse(run.Out);
        using var api = service.Api();
        ApiJson.Equal(await ApiJson.GetAsync(api, $"/api/v1/executions/{printed["id"]}", Token), printed);
        ApiJson.Equal(JsonNode.Parse("""{"who": "Ada", "count": 3, "tags": ["a", "b"]}""")!, printed["input"]!);
    }

    [Fact]
    public async Task RunWait_Provision_ShowsEachWaitWithItsCommandAndEndsByCallbackAndApprove()
    {
        var name = await PushAsync(Definitions.ProvisionYaml(Definitions.UniqueName("provision")), ".yaml");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));

        var run = Tool.Start(service, ["run", name, "--input", "image=debian-13", "--wait"], deadline.Token);
        var callbackLine = await run.Out.WaitForLineAsync(l => l.Contains("wfaas callback http", StringComparison.Ordinal), deadline.Token);
        var callbackUrl = UrlIn(callbackLine);
        var called = await Tool.RunAsync(service, ["callback", callbackUrl, "--result", """{"id": "vm-42"}"""], deadline.Token);
        var calledAgain = await Tool.RunAsync(service, ["callback", callbackUrl, "--result", """{"id": "vm-42"}"""], deadline.Token);
        var approveLine = await run.Out.WaitForLineAsync(l => l.Contains("wfaas approve http", StringComparison.Ordinal), deadline.Token);
        var approved = await Tool.RunAsync(service, ["approve", UrlIn(approveLine), "--comment", "looks good", "--by", "ann"], deadline.Token);
        var result = await run.Completion;

        Assert.Equal((0, ""), (called.ExitCode, called.Error));
        Assert.StartsWith("Accepted: task boot of execution ", called.Out, StringComparison.Ordinal);
        Assert.StartsWith("Already accepted: task boot", calledAgain.Out, StringComparison.Ordinal);
        Assert.StartsWith("Approved: task approve of execution ", approved.Out, StringComparison.Ordinal);
        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        var id = StartedId(result);
        await AssertProgressIsTheHistoryAsync(id, result);
        Assert.Contains(result.OutLines, l => l.Trim().StartsWith("boot waits for a callback (until ", StringComparison.Ordinal));
        Assert.True(result.OutLines.Any(l => l.Trim().StartsWith("approve waits for approval", StringComparison.Ordinal) && l.EndsWith(": Approve VM vm-42 from debian-13?", StringComparison.Ordinal)), result.Out);
        Assert.Contains(result.OutLines, l => l.Trim().StartsWith("settle waits (until ", StringComparison.Ordinal));
        // Each wait is shown once, after its task's move to WAITING and before the task moves on.
        var order = ProvisionOrder.Select(s => OnlyLine(result, s)).ToList();
        Assert.Equal(order.Order(), order);
        using var api = service.Api();
        var execution = await ApiJson.GetAsync(api, $"/api/v1/executions/{id}", Token);
        Assert.Equal("vm-42", execution["output"]!["vm"]!["id"]!.GetValue<string>());
        Assert.Equal(("approve", "looks good", "ann"), (
            execution["output"]!["approval"]!["decision"]!.GetValue<string>(),
            execution["output"]!["approval"]!["comment"]!.GetValue<string>(),
            execution["output"]!["approval"]!["by"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RunWait_ApprovalRejected_EndsRevertedAndExitsOne()
    {
        var name = await PushAsync($$$"""
            name: {{{Definitions.UniqueName("gate")}}}
            flow:
              type: linear
              items:
                - {task: ask, action: approval, input: {prompt: "Ship it?"}}
            """, ".yaml");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));

        var run = Tool.Start(service, ["run", name, "--wait"], deadline.Token);
        var approveLine = await run.Out.WaitForLineAsync(l => l.Contains("wfaas approve http", StringComparison.Ordinal), deadline.Token);
        var rejected = await Tool.RunAsync(service, ["approve", UrlIn(approveLine), "--reject", "--json"], deadline.Token);
        var result = await run.Completion;

        Assert.Equal(0, rejected.ExitCode);
        Assert.False(ApiJson.Parse(rejected.Out)["duplicate"]!.GetValue<bool>());
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"Execution {StartedId(result)} ended REVERTED.", result.OutLines[^2]);
        Assert.StartsWith("error: ask failed: ApprovalRejected: ", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunWait_StopAt_EndsTheWaitAtPausedWithExitOne()
    {
        var name = await PushAsync($$$"""
            {"name": "{{{Definitions.UniqueName("gated")}}}", "flow": {"type": "linear", "items": [
              {"task": "a", "action": "noop"}, {"checkpoint": "cp"}, {"task": "b", "action": "noop"}
            ]}}
            """, ".json");

        var run = await Tool.RunAsync(service, ["run", name, "--stop-at", "cp", "--wait"], Token);

        Assert.Equal(1, run.ExitCode);
        var id = StartedId(run);
        await AssertProgressIsTheHistoryAsync(id, run);
        Assert.Contains(run.OutLines, l => l.EndsWith("checkpoint cp: PENDING -> REACHED", StringComparison.Ordinal) || l.Contains("checkpoint cp: PENDING -> REACHED (", StringComparison.Ordinal));
        Assert.DoesNotContain(run.OutLines, l => l.Contains("task b: PENDING -> RUNNING", StringComparison.Ordinal));
        Assert.Equal([$"Execution {id} is PAUSED: an operator may resume, retry, revert or cancel it.", "checkpoint: cp"], run.OutLines.TakeLast(2));
    }

    [Fact]
    public async Task RunWait_Timeout_StopsWaitingWithExitOneAndTheExecutionCarriesOn()
    {
        var name = await PushAsync(Definitions.ProvisionYaml(Definitions.UniqueName("provision")), ".yaml");

        var run = await Tool.RunAsync(service, ["run", name, "--input", "image=debian-13", "--wait", "--timeout", "0.5s"], Token);

        Assert.Equal(1, run.ExitCode);
        var id = StartedId(run);
        Assert.Equal($"Stopped waiting after 00:00:00.5000000; execution {id} carries on: wfaas history {id}\n", run.Error);
        using var api = service.Api();
        Assert.Equal("RUNNING", (await ApiJson.GetAsync(api, $"/api/v1/executions/{id}", Token))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_UnknownWorkflow_PrintsTheProblemAndExitsTwo()
    {
        var run = await Tool.RunAsync(service, ["run", "no-such-flow", "--wait"], Token);
        var json = await Tool.RunAsync(service, ["run", "no-such-flow", "--json"], Token);

        Assert.Equal((2, "", "wfaas: Not found (HTTP 404): Workflow 'no-such-flow' does not exist.\n"), (run.ExitCode, run.Out, run.Error));
        Assert.Equal((2, 404), (json.ExitCode, ApiJson.Parse(json.Out)["status"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Run_MissingInput_PrintsTheValidationErrorsAndExitsTwo()
    {
        var name = await PushAsync(Definitions.HelloYaml(Definitions.UniqueName("hello")), ".yaml");

        var run = await Tool.RunAsync(service, ["run", name, "--wait"], Token);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            [$"wfaas: Validation failed (HTTP 422): The execution request does not fit workflow '{name}'.", $"  input.who: 'who' is required by workflow '{name}'."],
            run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("who", "--input 'who' is not k=v (or k:=JSON).")]
    [InlineData("=Ada", "--input '=Ada' is not k=v (or k:=JSON).")]
    [InlineData("n:={", "--input n:= is not JSON: ")]
    public async Task Run_MalformedInput_IsAUsageErrorThatStartsNothing(string pair, string message)
    {
        var name = await PushAsync(Definitions.HelloYaml(Definitions.UniqueName("hello")), ".yaml");

        var run = await Tool.RunAsync(service, ["run", name, "--input", pair], Token);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"wfaas: {message}", run.Error, StringComparison.Ordinal);
        using var api = service.Api();
        Assert.Empty((await ApiJson.GetAsync(api, $"/api/v1/executions?workflow={name}", Token))["items"]!.AsArray());
    }

    private static readonly string[] ProvisionOrder =
    [
        "task boot: RUNNING -> WAITING", "boot waits for a callback", "task boot: WAITING -> SUCCESS",
        "task approve: RUNNING -> WAITING", "approve waits for approval", "task approve: WAITING -> SUCCESS",
    ];

    /// <summary>
    /// The progress lines are the API's history: every entry once, in seq order, as
    /// <c>HH:mm:ss  subject name: FROM -> TO (cause)</c>.
    /// </summary>
    private async Task AssertProgressIsTheHistoryAsync(string id, CliResult run)
    {
        using var api = service.Api();
        var history = await ApiJson.HistoryAsync(api, id, Token);
        var expected = history.Select(h => $"{h!["subject"]} {h["name"]}: {(h["from"] is { } from ? $"{from} " : "")}-> {h["to"]} ({h["cause"]}").ToList();
        var shown = run.OutLines.Where(l => Clock().IsMatch(l)).Select(l => l[10..]).ToList();
        Assert.Equal(expected.Count, shown.Count);
        Assert.All(expected.Zip(shown), pair => Assert.StartsWith(pair.First, pair.Second, StringComparison.Ordinal));
    }

    /// <summary>The index of the one line containing <paramref name="text"/>.</summary>
    private static int OnlyLine(CliResult run, string text)
    {
        var found = run.OutLines.Select((line, index) => (line, index)).Where(x => x.line.Contains(text, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"{found.Count} lines contain '{text}':\n{run.Out}");
        return found[0].index;
    }

    private async Task<string> PushAsync(string text, string extension)
    {
        var pushed = await Tool.RunAsync(service, ["workflow", "push", Definitions.File(text, extension), "--json"], Token);
        Assert.Equal(0, pushed.ExitCode);
        return ApiJson.Parse(pushed.Out)["name"]!.GetValue<string>();
    }

    private static string StartedId(CliResult run) => StartedLine().Match(run.OutLines[0]) is { Success: true } m
        ? m.Groups[1].Value
        : throw new Xunit.Sdk.XunitException($"No start line:\n{run.Out}");

    private static string UrlIn(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Single(w => w.StartsWith("http", StringComparison.Ordinal));

    [GeneratedRegex(@"^Execution ([0-9a-f-]{36}) of \S+ v\d+ started\.$")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d  ")]
    private static partial Regex Clock();

    [GeneratedRegex(@"  task (\w+): \S+ -> REVERTED")]
    private static partial Regex TaskName();
}
