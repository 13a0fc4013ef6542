namespace WfaaS.Cli;

/// <summary>
/// What one run of the CLI talks to: its output streams and environment, and, so tests can host it
/// in process, the HTTP handler and the clock its polling waits on.
/// </summary>
/// <param name="Out">Where results go (text, or the API's JSON with <c>--json</c>).</param>
/// <param name="Error">Where errors go, and the progress of <c>run --wait --json</c>.</param>
/// <param name="Environment">Reads an environment variable (<c>WFAAS_URL</c>, <c>WFAAS_API_KEY</c>).</param>
internal sealed record CliHost(TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    /// <summary>The handler under every request; null for a plain <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How often <c>run --wait</c> polls.</summary>
    public PollInterval Poll { get; init; } = PollInterval.Default;

    public static CliHost FromConsole() => new(Console.Out, Console.Error, System.Environment.GetEnvironmentVariable);
}

/// <summary>
/// The wait between polls: <paramref name="Initial"/> after a change, doubling while nothing changes,
/// never more than <paramref name="Max"/>, so a long wait costs the service little and a short one
/// is shown promptly.
/// </summary>
internal sealed record PollInterval(TimeSpan Initial, TimeSpan Max)
{
    public static PollInterval Default { get; } = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));

    public TimeSpan After(TimeSpan previous, bool changed) =>
        changed ? Initial : TimeSpan.FromTicks(Math.Min(Max.Ticks, previous.Ticks * 2));
}
