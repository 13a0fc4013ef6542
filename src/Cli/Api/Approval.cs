namespace WfaaS.Cli.Api;

/// <summary>A pending approval: one link, or one per named approver (SPEC §3.4.1).</summary>
internal sealed record Approval(Guid ExecutionId, string Task, string? Prompt, string? ApproveUrl, IReadOnlyDictionary<string, string?>? ApproveUrls);
