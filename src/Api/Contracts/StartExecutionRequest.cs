using System.Text.Json;

namespace WfaaS.Api.Contracts;

/// <summary>Starts an execution (SPEC §6 <c>POST /executions</c>).</summary>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Version">A version to run; the latest when omitted.</param>
/// <param name="Input">An object holding every name the definition's <c>input</c> lists.</param>
/// <param name="StopAt">Pause when this checkpoint is reached.</param>
internal sealed record StartExecutionRequest(string? Workflow, int? Version, JsonElement? Input, string? StopAt);
