namespace WfaaS.Cli.Api;

/// <summary><c>GET /executions</c>.</summary>
internal sealed record ExecutionPage(IReadOnlyList<Execution> Items, string? NextCursor);
