namespace WfaaS.Storage.Executions;

/// <summary>A page of executions, newest first; <paramref name="NextBefore"/> continues it.</summary>
public sealed record ExecutionPage(IReadOnlyList<StoredExecution> Items, long? NextBefore);
