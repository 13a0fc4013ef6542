namespace WfaaS.Api.Contracts;

/// <summary>SPEC §5.5 <c>run-to</c>: run forward until the checkpoint is reached, or revert back to it; then PAUSED.</summary>
internal sealed record RunToRequest(string? Checkpoint);
