namespace WfaaS.Api.Contracts;

/// <summary>Why a task failed.</summary>
internal sealed record TaskErrorResponse(string Type, string Message, string? StackTrace);
