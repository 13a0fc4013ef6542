namespace WfaaS.Api.Contracts;

/// <summary>The answer of <c>POST /workflows/validate</c> for a valid definition.</summary>
internal sealed record ValidationResponse(bool Valid);
