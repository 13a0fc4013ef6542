namespace WfaaS.Engine.Definitions;

/// <summary>SPEC §5.6: after the root flow succeeds, wait <paramref name="Every"/> and run again, for ever or <paramref name="Times"/> times.</summary>
public sealed record RepeatPolicy(TimeSpan Every, int? Times);
