namespace WfaaS.Engine.Execution;

/// <summary>One failed task, as listed in the execution's <c>error.failures</c>.</summary>
public sealed record TaskFailure(string Task, string Type, string Message);
