namespace WfaaS.Api.Contracts;

/// <summary>The answer to a callback or a decision: whose task it was, and whether it repeated an accepted one.</summary>
internal sealed record CallbackResponse(Guid ExecutionId, string Task, bool Duplicate);
