namespace WfaaS.Engine.Execution.Events;

/// <summary>A person approved or rejected an approval task (SPEC §6 <c>POST /approvals/{token}</c>).</summary>
public sealed record ApprovalDecided(string Task, int Attempt, bool Approved, string? Comment, string? By) : ExecutionEvent;
