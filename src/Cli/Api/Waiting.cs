namespace WfaaS.Cli.Api;

/// <summary>One entry of an execution's <c>waiting</c>.</summary>
internal sealed record Waiting(string Task, string Kind, string? CallbackUrl, DateTimeOffset? DueAt);
