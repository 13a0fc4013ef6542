namespace WfaaS.Engine.Definitions;

/// <summary>SPEC §5.6: history retention applied when a checkpoint is reached.</summary>
public sealed record RetentionPolicy(int? KeepCheckpoints, TimeSpan? KeepFor);
