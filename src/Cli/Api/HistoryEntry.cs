namespace WfaaS.Cli.Api;

/// <summary>One transition (SPEC §4).</summary>
internal sealed record HistoryEntry(long Seq, DateTimeOffset At, string Subject, string Name, string? From, string To, int? Attempt, string? Cause);
