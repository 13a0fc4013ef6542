using System.Diagnostics;
using WfaaS.Cli.Tests.TestHost;

namespace WfaaS.Cli.Tests;

/// <summary>The built tool as its own process (<c>dotnet wfaas.dll</c>): the real console, environment and exit code.</summary>
public sealed class ToolProcessTests(CliService service) : IClassFixture<CliService>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Process_RunWaitAndAUsageError_ExitWithTheirCodes()
    {
        var name = Definitions.UniqueName("undo");
        var pushed = await RunAsync(["workflow", "push", Definitions.File(Definitions.UndoJson(name), ".json")]);
        var failed = await RunAsync(["run", name, "--wait"]);
        var usage = await RunAsync(["run"]);

        Assert.Equal((0, $"Workflow {name}: version 1 stored.\n"), (pushed.ExitCode, pushed.Out));
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("ended REVERTED.\nerror: c failed: DiskFull: disk full\n", failed.Out, StringComparison.Ordinal);
        Assert.Equal((2, ""), (usage.ExitCode, usage.Out));
        Assert.StartsWith("wfaas: Required argument missing", usage.Error, StringComparison.Ordinal);
    }

    private async Task<CliResult> RunAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "wfaas.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["WFAAS_URL"] = service.BaseUrl.ToString();
        start.Environment.Remove("WFAAS_API_KEY");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output;
        return new CliResult(process.ExitCode, text, await error, text.Split('\n'));
    }
}
