namespace WfaaS.Engine.Execution;

/// <summary>
/// One token a waiting task answers to (SPEC §6, §3.4.1): its random <paramref name="Nonce"/>
/// (base64url, 128 bits), which Storage mints and signs, and for an approval with approvers the
/// approver its link decides as. The engine keeps it as opaque state and drops it when the wait ends,
/// so a token that no longer names a waiting task's nonce is gone.
/// </summary>
public sealed record WaitToken(string Nonce, string? Approver = null);
