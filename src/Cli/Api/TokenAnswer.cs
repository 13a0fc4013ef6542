namespace WfaaS.Cli.Api;

/// <summary><c>POST /callbacks/{token}</c> and <c>POST /approvals/{token}</c>.</summary>
internal sealed record TokenAnswer(Guid ExecutionId, string Task, bool Duplicate);
