using System.Text.Json;

namespace WfaaS.Api.Contracts;

/// <summary>A delegate's report (SPEC §6 <c>POST /callbacks/{token}</c>).</summary>
/// <param name="Status"><c>success</c> or <c>failure</c>.</param>
/// <param name="Result">The task's result on success.</param>
/// <param name="Error">Why it failed: <c>{type?, message}</c>.</param>
internal sealed record CallbackRequest(string? Status, JsonElement? Result, CallbackError? Error);

/// <summary>A failure reported by a callback.</summary>
internal sealed record CallbackError(string? Type, string? Message);
