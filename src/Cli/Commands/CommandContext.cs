using WfaaS.Cli.Api;

namespace WfaaS.Cli.Commands;

/// <summary>What a command's body has: the client, the connection and the host's streams.</summary>
internal sealed record CommandContext(WfaasClient Client, Connection Connection, CliHost Host)
{
    public TextWriter Out => Host.Out;

    public TextWriter Error => Host.Error;

    public bool Json => Connection.Json;

    /// <summary>With <c>--json</c>, the answer exactly as the service sent it.</summary>
    public void WriteRaw(ApiAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Out.WriteLine(answer.Text);
    }
}
