namespace WfaaS.Engine.Definitions;

/// <summary>SPEC §3.1: only a direct item of a linear flow; its retry scope runs to the next checkpoint or the end of its flow.</summary>
public sealed record CheckpointNode(string Name, ScopeRetry? Retry, RetentionPolicy? Retention, string Path) : FlowItem(Path);
