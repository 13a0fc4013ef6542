using System.CommandLine;
using System.Text.Json;
using WfaaS.Cli.Api;

namespace WfaaS.Cli.Commands;

/// <summary>
/// Runs one command's body and turns what can go wrong into SPEC §11's exit codes: a usage error,
/// an unreachable service or an error answer (its problem's title, detail and errors on stderr) is 2.
/// </summary>
internal static class CommandRunner
{
    public static void SetBody(this Command command, GlobalOptions globals, CliHost host, Func<ParseResult, CommandContext, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, host, body, cancellationToken));

    private static async Task<int> RunAsync(
        ParseResult parse, GlobalOptions globals, CliHost host, Func<ParseResult, CommandContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        Connection? connection = null;
        try
        {
            connection = globals.Resolve(parse, host);
            using var client = new WfaasClient(connection, host.Handler);
            return await body(parse, new CommandContext(client, connection, host), cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await host.Error.WriteLineAsync($"wfaas: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (ApiProblemException e)
        {
            await WriteProblemAsync(host.Error, e).ConfigureAwait(false);
            if (connection?.Json == true && e.Text.Length > 0)
            {
                await host.Out.WriteLineAsync(e.Text).ConfigureAwait(false);
            }

            return ExitCodes.Error;
        }
        catch (HttpRequestException e)
        {
            await host.Error.WriteLineAsync($"wfaas: cannot reach the service at {connection?.BaseUrl}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await host.Error.WriteLineAsync($"wfaas: the service at {connection?.BaseUrl} did not answer in time.").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (JsonException e)
        {
            await host.Error.WriteLineAsync($"wfaas: the service's answer is not the JSON expected: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }

    /// <summary><c>wfaas: Not found (HTTP 404): Workflow 'x' does not exist.</c>, then one line per validation error.</summary>
    private static async Task WriteProblemAsync(TextWriter error, ApiProblemException problem)
    {
        var title = problem.Title ?? "Error";
        var detail = problem.Detail is { Length: > 0 } d ? $": {d}" : "";
        await error.WriteLineAsync($"wfaas: {title} (HTTP {problem.Status}){detail}").ConfigureAwait(false);
        foreach (var (path, messages) in problem.Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            foreach (var message in messages)
            {
                await error.WriteLineAsync($"  {path}: {message}").ConfigureAwait(false);
            }
        }
    }
}
