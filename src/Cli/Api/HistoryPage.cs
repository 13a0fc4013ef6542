namespace WfaaS.Cli.Api;

/// <summary><c>GET /executions/{id}/history</c>.</summary>
internal sealed record HistoryPage(IReadOnlyList<HistoryEntry> Items, string? NextCursor);
