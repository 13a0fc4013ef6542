namespace WfaaS.Engine.Definitions;

/// <summary>SPEC §5.3: retry controller of a nested flow or of a checkpoint's scope.</summary>
public sealed record ScopeRetry(int Count, TimeSpan Delay);
