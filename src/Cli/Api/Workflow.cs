namespace WfaaS.Cli.Api;

/// <summary><c>POST /workflows</c>.</summary>
internal sealed record Workflow(string Name, int Version, DateTimeOffset CreatedAt);
