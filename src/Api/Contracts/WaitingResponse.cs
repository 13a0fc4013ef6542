namespace WfaaS.Api.Contracts;

/// <summary>A task the execution waits on.</summary>
/// <param name="Task">The task's name.</param>
/// <param name="Kind"><c>callback</c>, <c>approval</c>, <c>timer</c> or <c>child</c>.</param>
/// <param name="CallbackUrl">Where the external system reports (delegate tasks); null for a key that may not act.</param>
/// <param name="DueAt">When the wait ends or times out.</param>
internal sealed record WaitingResponse(string Task, string Kind, string? CallbackUrl, DateTimeOffset? DueAt);
