namespace WfaaS.Storage.Entities;

/// <summary>
/// A callback or approval token's row (SPEC §6, §8): written when a token is accepted (a live token is a signed
/// claim, see <c>CallbackTokens</c>), or, for tokens handed out before, when it was minted. Only its hash
/// (SHA-256, 32 bytes) is stored; an old token is HMAC(secret, nonce), so it can be shown again while ACTIVE.
/// </summary>
public sealed class TokenEntity
{
    public required byte[] Hash { get; set; }
    public required string Nonce { get; set; }
    public Guid ExecutionId { get; set; }
    public required string Task { get; set; }
    public int Attempt { get; set; }
    public required string Kind { get; set; }
    public required string State { get; set; }
    public string? AcceptedBodyHash { get; set; }
    public string? Prompt { get; set; }
    public string? ApproversJson { get; set; }

    /// <summary>The approver this link decides as (SPEC §3.4.1); null for a callback or an approval without approvers.</summary>
    public string? Approver { get; set; }

    /// <summary>An approval's quorum, for the pending list.</summary>
    public int? Quorum { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DueAt { get; set; }
}
