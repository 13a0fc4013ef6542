namespace WfaaS.Storage.Definitions;

/// <summary>Which definition version an execution runs: its row (the plan cache key), name and version.</summary>
public sealed record DefinitionRef(long Id, string Name, int Version);
