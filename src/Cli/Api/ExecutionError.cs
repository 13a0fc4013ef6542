namespace WfaaS.Cli.Api;

/// <summary>An execution's <c>error</c>: the first failure.</summary>
internal sealed record ExecutionError(string? Task, string? Type, string? Message);
