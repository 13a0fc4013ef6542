namespace WfaaS.Cli;

/// <summary>The <c>wfaas</c> tool's entry: the console, the process environment, the real clock.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => WfaasCli.RunAsync(args, CliHost.FromConsole(), CancellationToken.None);
}
