namespace WfaaS.Storage.Definitions;

public sealed record WorkflowSummary(string Name, int LatestVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
