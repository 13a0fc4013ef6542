namespace WfaaS.Cli.Tests.TestHost;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error, IReadOnlyList<string> OutLines);

/// <summary>
/// Runs the CLI in process through its real entry (<see cref="WfaasCli.RunAsync"/>: the same
/// parser, commands and HTTP client as the tool), with its output captured and a fast poll.
/// </summary>
public static class Tool
{
    /// <summary>No run outlives this, so a CLI that never stops waiting fails its test instead of hanging it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly PollInterval TestPoll = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100));

    public static async Task<CliResult> RunAsync(CliService service, string[] args, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var running = Start(service, args, cancellationToken, environment);
        return await running.Completion;
    }

    /// <summary>Starts the CLI and returns at once, so a test can read its output while it waits.</summary>
    public static RunningCli Start(CliService service, string[] args, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        var output = new LineWriter();
        var error = new LineWriter();
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        variables.TryAdd("WFAAS_URL", service.BaseUrl.ToString());
        var host = new CliHost(output, error, name => variables.GetValueOrDefault(name)) { Poll = TestPoll };
        var completion = Task.Run(async () =>
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Patience);
            var code = await WfaasCli.RunAsync(args, host, deadline.Token);
            return new CliResult(code, output.ToString(), error.ToString(), output.Lines);
        }, cancellationToken);
        return new RunningCli(output, error, completion);
    }
}

/// <summary>A CLI run still going: its output so far, and its result once it ends.</summary>
public sealed record RunningCli(LineWriter Out, LineWriter Error, Task<CliResult> Completion);
