namespace WfaaS.Api.Contracts;

/// <summary>Every workflow, by name.</summary>
internal sealed record WorkflowListResponse(IReadOnlyList<WorkflowSummaryResponse> Items);
