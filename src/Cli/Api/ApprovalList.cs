namespace WfaaS.Cli.Api;

/// <summary><c>GET /approvals?state=pending</c>.</summary>
internal sealed record ApprovalList(IReadOnlyList<Approval> Items);
