using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using WfaaS.Cli.Api;
using WfaaS.Cli.Output;
using WfaaS.Cli.Watching;

namespace WfaaS.Cli.Commands;

/// <summary>
/// <c>wfaas run NAME --input k=v … [--wait]</c>: <c>POST /executions</c>; with <c>--wait</c>, live
/// progress until the execution ends, exit code 0 only for SUCCESS (SPEC §11).
/// </summary>
internal static class RunCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var name = new Argument<string>("NAME") { Description = "The workflow to run (its latest version)." };
        var input = new Option<string[]>("--input", "-i")
        {
            Description = "An input value: k=v (a string) or k:=JSON. Repeat it, or list several after one --input.",
            HelpName = "k=v",
            AllowMultipleArgumentsPerToken = true,
        };
        var wait = new Option<bool>("--wait", "-w") { Description = "Follow the execution task by task until it ends; exit 0 only if it ends SUCCESS." };
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "With --wait: stop waiting after this long (30s, 10m, 2h, 1d or hh:mm:ss); exit 1.",
            HelpName = "DURATION",
            CustomParser = result => ParseDuration(result.Tokens[0].Value) is { } value ? value : Fail(result),
        };
        var stopAt = new Option<string?>("--stop-at") { Description = "Run until this checkpoint is reached, then PAUSED.", HelpName = "CHECKPOINT" };
        var run = new Command("run", "Start an execution.") { name, input, wait, timeout, stopAt };
        run.SetBody(globals, host, async (parse, context, cancellationToken) =>
        {
            var body = new JsonObject
            {
                ["workflow"] = parse.GetRequiredValue(name),
                ["input"] = InputPairs.Parse(parse.GetValue(input) ?? []),
            };
            if (parse.GetValue(stopAt) is { } checkpoint)
            {
                body["stop_at"] = checkpoint;
            }

            var started = await context.Client.PostJsonAsync(context.Client.Api("api/v1/executions"), body, cancellationToken).ConfigureAwait(false);
            var execution = started.As<Execution>();
            if (!parse.GetValue(wait))
            {
                await ShowStartedAsync(context, started, execution).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            // With --json, stdout holds one JSON document (the execution as it ended); progress goes to stderr.
            var progress = context.Json ? context.Error : context.Out;
            await progress.WriteLineAsync($"Execution {execution.Id} of {execution.Workflow} v{execution.Version} started.").ConfigureAwait(false);
            return await WaitAsync(context, progress, execution.Id, parse.GetValue(timeout), cancellationToken).ConfigureAwait(false);
        });
        return run;
    }

    private static async Task<int> WaitAsync(CommandContext context, TextWriter progress, Guid id, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var deadline = timeout is { } limit
            ? new CancellationTokenSource(limit, context.Host.Time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var watcher = new ExecutionWatcher(context.Client, progress, context.Host);
        ApiAnswer last;
        try
        {
            last = await watcher.WatchAsync(id, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Ctrl+C or --timeout: the execution carries on in the service; only the waiting stops.
            var why = deadline.IsCancellationRequested ? $"after {timeout}" : "(interrupted)";
            await context.Error.WriteLineAsync($"Stopped waiting {why}; execution {id} carries on: wfaas history {id}").ConfigureAwait(false);
            return ExitCodes.NotSuccess;
        }

        var execution = last.As<Execution>();
        if (context.Json)
        {
            context.WriteRaw(last);
        }
        else
        {
            await progress.WriteLineAsync(execution.State == "PAUSED"
                ? $"Execution {id} is PAUSED: an operator may resume, retry, revert or cancel it."
                : $"Execution {id} ended {execution.State}.").ConfigureAwait(false);
            foreach (var line in Text.Outcome(execution))
            {
                await progress.WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        return execution.State == "SUCCESS" ? ExitCodes.Success : ExitCodes.NotSuccess;
    }

    private static async Task ShowStartedAsync(CommandContext context, ApiAnswer started, Execution execution)
    {
        if (context.Json)
        {
            context.WriteRaw(started);
            return;
        }

        await context.Out.WriteLineAsync($"Execution {execution.Id} of {execution.Workflow} v{execution.Version}: {execution.State}").ConfigureAwait(false);
        foreach (var line in Text.Outcome(execution))
        {
            await context.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        foreach (var line in (execution.Waiting ?? []).SelectMany(w => WaitLines.For(w, approval: null).Take(w.Kind == "callback" ? 2 : 1)))
        {
            await context.Out.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    /// <summary><c>30s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>, or a <see cref="TimeSpan"/> (<c>00:10:00</c>).</summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            TimeSpan? unit = text[^1] switch { 's' => TimeSpan.FromSeconds(1), 'm' => TimeSpan.FromMinutes(1), 'h' => TimeSpan.FromHours(1), 'd' => TimeSpan.FromDays(1), _ => null };
            if (unit is { } u)
            {
                return u * amount;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }

    private static TimeSpan? Fail(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"'{result.Tokens[0].Value}' is not a duration: write 30s, 10m, 2h, 1d or hh:mm:ss.");
        return null;
    }
}
