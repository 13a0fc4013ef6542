using System.CommandLine;
using System.Globalization;
using WfaaS.Cli.Api;
using WfaaS.Cli.Output;

namespace WfaaS.Cli.Commands;

/// <summary><c>wfaas executions [--workflow W] [--state S]</c>: one page of <c>GET /executions</c>, newest first.</summary>
internal static class ExecutionsCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var workflow = new Option<string?>("--workflow") { Description = "Only this workflow's executions.", HelpName = "W" };
        var state = new Option<string?>("--state") { Description = "Only executions in this state (RUNNING, SUCCESS, REVERTED, …).", HelpName = "S" };
        var limit = new Option<int?>("--limit") { Description = "At most this many (1–500; the service's default is 50).", HelpName = "N" };
        var cursor = new Option<string?>("--cursor") { Description = "The next page: the cursor the previous page printed.", HelpName = "CURSOR" };
        var command = new Command("executions", "List executions, newest first.") { workflow, state, limit, cursor };
        command.SetBody(globals, host, async (parse, context, cancellationToken) =>
        {
            var query = new List<string>();
            Add(query, "workflow", parse.GetValue(workflow));
            Add(query, "state", parse.GetValue(state));
            Add(query, "limit", parse.GetValue(limit)?.ToString(CultureInfo.InvariantCulture));
            Add(query, "cursor", parse.GetValue(cursor));
            var answer = await context.Client.GetAsync(
                context.Client.Api("api/v1/executions" + (query.Count == 0 ? "" : "?" + string.Join('&', query))), cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteRaw(answer);
                return ExitCodes.Success;
            }

            var page = answer.As<ExecutionPage>();
            if (page.Items.Count == 0)
            {
                await context.Out.WriteLineAsync("No executions.").ConfigureAwait(false);
            }
            else
            {
                TextTable.Write(context.Out, ["ID", "WORKFLOW", "VERSION", "STATE", "CREATED", "FINISHED"], page.Items.Select(e => (IReadOnlyList<string>)
                    [e.Id.ToString(), e.Workflow, e.Version.ToString(CultureInfo.InvariantCulture), e.State, Text.Time(e.CreatedAt), Text.Time(e.FinishedAt)]));
            }

            if (page.NextCursor is { } next)
            {
                await context.Out.WriteLineAsync($"More: --cursor {next}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
