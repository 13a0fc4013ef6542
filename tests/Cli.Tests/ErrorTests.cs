using WfaaS.Cli.Tests.TestHost;

namespace WfaaS.Cli.Tests;

/// <summary>Usage errors, an unreachable service, callbacks the service refuses: exit code 2 and a clear line (SPEC §7, §11).</summary>
public sealed class ErrorTests(CliService service) : IClassFixture<CliService>
{
    private static readonly string[] HelpWords = ["workflow", "run <NAME>", "executions", "history <ID>", "callback <URL>", "approve <URL>", "--url", "--api-key", "--json"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("deploy")]
    [InlineData("run")]
    [InlineData("executions --limit many")]
    [InlineData("run x --wait --timeout soon")]
    public async Task Usage_Malformed_PrintsTheParsersErrorAndExitsTwo(string line)
    {
        var run = await Tool.RunAsync(service, line.Split(' '), Token);

        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.StartsWith("wfaas: ", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("Try 'wfaas --help'.\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheCommandsAndExitsZero()
    {
        var run = await Tool.RunAsync(service, ["--help"], Token);

        Assert.Equal(0, run.ExitCode);
        Assert.All(HelpWords, word => Assert.Contains(word, run.Out, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreachable_SaysWhereItLookedAndExitsTwo()
    {
        var run = await Tool.RunAsync(service, ["executions", "--url", "http://127.0.0.1:9/"], Token);
        var bad = await Tool.RunAsync(service, ["executions"], Token, new Dictionary<string, string> { ["WFAAS_URL"] = "ftp://example.org" });

        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.StartsWith("wfaas: cannot reach the service at http://127.0.0.1:9/: ", run.Error, StringComparison.Ordinal);
        Assert.Equal((2, "wfaas: 'ftp://example.org' is not an http or https URL (--url or $WFAAS_URL).\n"), (bad.ExitCode, bad.Error));
    }

    [Fact]
    public async Task Url_BeforeOrAfterTheCommand_WinsOverTheEnvironment()
    {
        var elsewhere = new Dictionary<string, string> { ["WFAAS_URL"] = "http://127.0.0.1:9" };

        var before = await Tool.RunAsync(service, ["--url", service.BaseUrl.ToString(), "executions", "--limit", "1"], Token, elsewhere);
        var after = await Tool.RunAsync(service, ["executions", "--limit", "1", "--url", service.BaseUrl.ToString()], Token, elsewhere);

        Assert.Equal((0, ""), (before.ExitCode, before.Error));
        Assert.Equal((0, ""), (after.ExitCode, after.Error));
    }

    [Fact]
    public async Task Callback_UnknownTokenMalformedResultAndConflict_AreTwoWithTheReason()
    {
        var name = Definitions.UniqueName("job");
        var file = Definitions.File($$$"""
            {"name": "{{{name}}}", "flow": {"type": "linear", "items": [{"task": "job", "action": "delegate", "timeout": "P1D"}]}}
            """, ".json");
        Assert.Equal(0, (await Tool.RunAsync(service, ["workflow", "push", file], Token)).ExitCode);
        var started = ApiJson.Parse((await Tool.RunAsync(service, ["run", name, "--json"], Token)).Out);
        var url = started["waiting"]![0]!["callback_url"]!.GetValue<string>();
        var token = url[(url.LastIndexOf('/') + 1)..];

        var unknown = await Tool.RunAsync(service, ["callback", "not-a-real-token", "--result", "{}"], Token);
        var malformed = await Tool.RunAsync(service, ["callback", url, "--result", "{oops"], Token);
        var both = await Tool.RunAsync(service, ["callback", url, "--result", "1", "--error", "no"], Token);
        var failed = await Tool.RunAsync(service, ["callback", token, "--error", "disk full", "--error-type", "DiskFull"], Token);
        var conflict = await Tool.RunAsync(service, ["callback", url, "--result", "{}"], Token);

        Assert.Equal((2, "wfaas: Not found (HTTP 404): No such callback token.\n"), (unknown.ExitCode, unknown.Error));
        Assert.Equal(2, malformed.ExitCode);
        Assert.StartsWith("wfaas: --result is not JSON: ", malformed.Error, StringComparison.Ordinal);
        Assert.Equal((2, "wfaas: Give --result (success) or --error (failure), not both.\n"), (both.ExitCode, both.Error));
        Assert.Equal((0, $"Accepted: task job of execution {started["id"]}.\n"), (failed.ExitCode, failed.Out));
        Assert.Equal(2, conflict.ExitCode);
        Assert.StartsWith("wfaas: Conflict (HTTP 409): ", conflict.Error, StringComparison.Ordinal);
        using var api = service.Api();
        var execution = await ApiJson.GetAsync(api, $"/api/v1/executions/{started["id"]}", Token);
        Assert.Equal(("REVERTED", "DiskFull"), (execution["state"]!.GetValue<string>(), execution["error"]!["type"]!.GetValue<string>()));
    }
}
