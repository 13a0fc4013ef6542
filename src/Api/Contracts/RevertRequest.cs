namespace WfaaS.Api.Contracts;

/// <summary>SPEC §5.5 <c>revert</c>.</summary>
/// <param name="ToCheckpoint">Revert only what ran after this reached checkpoint; everything when omitted.</param>
/// <param name="Then"><c>stop</c> (default): pause there; <c>resume</c>: run forward again.</param>
internal sealed record RevertRequest(string? ToCheckpoint, string? Then);
