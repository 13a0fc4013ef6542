using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using WfaaS.TestKit;

namespace WfaaS.Api.Tests;

/// <summary>
/// README.md's shell blocks run as pasted (issue 16), in order, by bash against the built service
/// as a real process on a loopback port and a fresh SQLite file; only <c>http://localhost:8080</c>
/// is replaced by that port. A <c># =&gt; text</c> line states what the commands before it (since the
/// previous such line) print: each part between <c> … </c> must appear in that output, in order.
/// A block preceded by <c>&lt;!-- readme-test: skip (reason) --&gt;</c> is not run (the service
/// itself, the test suite, Docker, benchmarks); every other <c>sh</c> block is. The blocks need
/// bash, curl and jq, which .ci/run installs.
/// </summary>
public sealed partial class ReadmeTests : IAsyncLifetime
{
    private const string ReadmeUrl = "http://localhost:8080";
    private const string Marker = "@@readme-expect@@";
    private static readonly TimeSpan BlockPatience = TimeSpan.FromSeconds(45);

    private readonly SqliteTestDatabase _database = new();
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("wfaas-readme-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_workDirectory, recursive: true);
    }

    [Fact]
    public void Blocks_EachShellBlockRunsOrSaysWhyNot()
    {
        var blocks = ShellBlocks(File.ReadAllText(ReadmePath()));

        Assert.All(blocks.Where(b => b.Skip is not null), b => Assert.False(string.IsNullOrWhiteSpace(b.Skip), $"line {b.Line}: a skip needs a reason"));
        var run = blocks.Where(b => b.Skip is null).ToList();
        Assert.True(run.Count >= 3, $"only {run.Count} README blocks are run");
        Assert.All(run, b => Assert.Contains("# => ", b.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Blocks_RunAsPastedAgainstARealService_PrintWhatTheirCommentsSay()
    {
        var blocks = ShellBlocks(File.ReadAllText(ReadmePath())).Where(b => b.Skip is null).ToList();
        await using var service = await ServiceProcess.StartAsync(_database, Token);
        var baseUrl = service.BaseUrl.ToString().TrimEnd('/');

        foreach (var block in blocks)
        {
            var (script, expectations) = Instrument(block.Text.Replace(ReadmeUrl, baseUrl, StringComparison.Ordinal));
            var (exitCode, output, errors) = await RunBashAsync(script);

            Assert.True(exitCode == 0, $"README block at line {block.Line} exited {exitCode}:\n{output}\n{errors}");
            var segments = output.Split(Marker + "\n");
            Assert.True(segments.Length == expectations.Count + 1, $"block at line {block.Line}: {segments.Length - 1} of {expectations.Count} expectations reached:\n{output}\n{errors}");
            for (var i = 0; i < expectations.Count; i++)
            {
                var (line, parts) = expectations[i];
                var from = 0;
                foreach (var part in parts)
                {
                    var at = segments[i].IndexOf(part.Replace(ReadmeUrl, baseUrl, StringComparison.Ordinal), from, StringComparison.Ordinal);
                    Assert.True(at >= 0, $"README line {line}: expected '{part}' in the output of the commands before it:\n{segments[i]}\n{errors}");
                    from = at + part.Length;
                }
            }
        }
    }

    /// <summary>Each <c># =&gt;</c> line becomes an echo of the marker, so the output splits into one piece per expectation.</summary>
    private static (string Script, List<(int Line, string[] Parts)> Expectations) Instrument(string text)
    {
        var expectations = new List<(int, string[])>();
        var script = new StringBuilder();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (Expectation().Match(lines[i]) is { Success: true } expected)
            {
                expectations.Add((i + 1, expected.Groups["text"].Value.Split(" … ", StringSplitOptions.RemoveEmptyEntries)));
                script.Append("echo; echo '").Append(Marker).Append("'\n");
            }
            else
            {
                script.Append(lines[i]).Append('\n');
            }
        }

        return (script.ToString(), expectations);
    }

    private async Task<(int ExitCode, string Output, string Errors)> RunBashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-e", "-o", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _workDirectory,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(BlockPatience);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"A README block ran longer than {BlockPatience.TotalSeconds} s.");
        }

        return (process.ExitCode, await output, await errors);
    }

    private sealed record Block(int Line, string Text, string? Skip);

    private static List<Block> ShellBlocks(string readme)
    {
        var blocks = new List<Block>();
        var lines = readme.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] is not ("```sh" or "```bash" or "```shell"))
            {
                continue;
            }

            var end = Array.IndexOf(lines, "```", i + 1);
            Assert.True(end > i, $"README line {i + 1}: the block is never closed");
            var previous = i > 0 ? lines[i - 1] : string.Empty;
            var skip = SkipMarker().Match(previous) is { Success: true } marker ? marker.Groups["reason"].Value.Trim() : null;
            blocks.Add(new Block(i + 1, string.Join('\n', lines[(i + 1)..end]), skip));
            i = end;
        }

        return blocks;
    }

    private static string ReadmePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WfaaS.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("No WfaaS.sln above the test binaries."), "README.md");
    }

    [GeneratedRegex("^# => (?<text>.+)$")]
    private static partial Regex Expectation();

    [GeneratedRegex("^<!-- readme-test: skip \\((?<reason>[^)]*)\\) -->$")]
    private static partial Regex SkipMarker();
}
