namespace WfaaS.Api.Contracts;

/// <summary>A person's decision (SPEC §6 <c>POST /approvals/{token}</c>).</summary>
/// <param name="Decision"><c>approve</c> or <c>reject</c>.</param>
/// <param name="Comment">Why.</param>
/// <param name="By">Who decided.</param>
internal sealed record ApprovalDecisionRequest(string? Decision, string? Comment, string? By);
