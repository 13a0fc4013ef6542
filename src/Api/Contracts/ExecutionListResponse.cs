namespace WfaaS.Api.Contracts;

/// <summary>A page of executions, newest first; pass <c>next_cursor</c> as <c>cursor</c> for the next page (null on the last).</summary>
internal sealed record ExecutionListResponse(IReadOnlyList<ExecutionResponse> Items, string? NextCursor);
