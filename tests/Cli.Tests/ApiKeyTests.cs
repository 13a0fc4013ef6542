using WfaaS.Cli.Tests.TestHost;

namespace WfaaS.Cli.Tests;

/// <summary>With <c>Auth__ApiKeys</c> set: <c>--api-key</c> or <c>WFAAS_API_KEY</c> as <c>X-Api-Key</c> (SPEC §8, §11).</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string Admin = "admin-key-for-the-cli-tests";
    private const string Reader = "reader-key-for-the-cli-tests";

    private readonly CliService _service = CliService.WithApiKeys((Admin, "admin"), (Reader, "reader"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _service.InitializeAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Key_FromOptionOrEnvironment_IsSent_AndItsAbsenceOrRoleIsAProblem()
    {
        var file = Definitions.File(Definitions.HelloYaml(Definitions.UniqueName("hello")), ".yaml");

        var none = await Tool.RunAsync(_service, ["workflow", "push", file], Token);
        var reader = await Tool.RunAsync(_service, ["workflow", "push", file, "--api-key", Reader], Token);
        var option = await Tool.RunAsync(_service, ["--api-key", Admin, "workflow", "push", file], Token);
        var environment = await Tool.RunAsync(_service, ["executions"], Token, new Dictionary<string, string> { ["WFAAS_API_KEY"] = Reader });

        Assert.Equal((2, "wfaas: Unauthorized (HTTP 401): Send a valid API key in the X-Api-Key header.\n"), (none.ExitCode, none.Error));
        Assert.Equal((2, "wfaas: Forbidden (HTTP 403): The role of this API key may not do this.\n"), (reader.ExitCode, reader.Error));
        Assert.Equal((0, ""), (option.ExitCode, option.Error));
        Assert.Equal((0, "No executions.\n"), (environment.ExitCode, environment.Out));
    }

    [Fact]
    public async Task CallbackUrl_NeedsNoKey()
    {
        var name = Definitions.UniqueName("job");
        var file = Definitions.File($$$"""
            {"name": "{{{name}}}", "flow": {"type": "linear", "items": [{"task": "job", "action": "delegate", "timeout": "P1D"}]}}
            """, ".json");
        Assert.Equal(0, (await Tool.RunAsync(_service, ["workflow", "push", file, "--api-key", Admin], Token)).ExitCode);
        var started = ApiJson.Parse((await Tool.RunAsync(_service, ["run", name, "--json", "--api-key", Admin], Token)).Out);

        var called = await Tool.RunAsync(_service, ["callback", started["waiting"]![0]!["callback_url"]!.GetValue<string>(), "--result", "{}"], Token);

        Assert.Equal((0, ""), (called.ExitCode, called.Error));
    }
}
