using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

public enum TokenOutcomeKind
{
    /// <summary>No such token (404).</summary>
    Unknown,

    /// <summary>Its task timed out, was cancelled or reverted (410).</summary>
    Gone,

    /// <summary>Accepted now.</summary>
    Accepted,

    /// <summary>Accepted before with the same body: nothing changes (200, duplicate).</summary>
    Duplicate,

    /// <summary>Accepted before with another body (409).</summary>
    Conflict,
}

public sealed record TokenOutcome(TokenOutcomeKind Kind, TokenEntity? Token);
