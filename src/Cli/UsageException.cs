namespace WfaaS.Cli;

/// <summary>An argument the parser accepted but the command cannot use (a malformed <c>--input</c>, a bad URL): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
