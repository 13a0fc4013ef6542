namespace WfaaS.Engine.Execution.Effects;

/// <summary>
/// SPEC §5.6: checkpoint <paramref name="Checkpoint"/> with <c>retention</c> was reached: history older than its
/// <paramref name="KeepCheckpoints"/>-th most recent passage, or older than <paramref name="KeepFor"/>, becomes one
/// <c>history_compacted</c> entry. Task details are never removed.
/// </summary>
public sealed record CompactHistory(string Checkpoint, int? KeepCheckpoints, TimeSpan? KeepFor) : Effect;
