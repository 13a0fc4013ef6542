namespace WfaaS.Api.Contracts;

/// <summary>Every task of an execution, in definition order.</summary>
internal sealed record TaskListResponse(IReadOnlyList<TaskDetailResponse> Items);
