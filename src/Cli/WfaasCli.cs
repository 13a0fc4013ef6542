using System.CommandLine;
using WfaaS.Cli.Commands;

namespace WfaaS.Cli;

/// <summary>The command tree of SPEC §11 and its exit codes; Program and the tests both enter here.</summary>
internal static class WfaasCli
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var globals = new GlobalOptions();
        var root = new RootCommand("wfaas: push workflow definitions to a WfaaS service, run and follow executions, answer callbacks and approvals.")
        {
            WorkflowCommand.Create(globals, host),
            RunCommand.Create(globals, host),
            ExecutionsCommand.Create(globals, host),
            HistoryCommand.Create(globals, host),
            CallbackCommand.Create(globals, host),
            ApproveCommand.Create(globals, host),
        };
        globals.AddTo(root);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // SPEC §11: a usage error is exit code 2 (System.CommandLine's own default is 1).
            foreach (var error in parse.Errors)
            {
                await host.Error.WriteLineAsync($"wfaas: {error.Message}").ConfigureAwait(false);
            }

            await host.Error.WriteLineAsync("Try 'wfaas --help'.").ConfigureAwait(false);
            return ExitCodes.Error;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = host.Out, Error = host.Error }, cancellationToken).ConfigureAwait(false);
    }
}
