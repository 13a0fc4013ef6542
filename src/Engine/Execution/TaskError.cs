namespace WfaaS.Engine.Execution;

/// <summary>Why an attempt failed (SPEC §6 task <c>error</c>).</summary>
public sealed record TaskError(string Type, string Message, string? StackTrace = null);
