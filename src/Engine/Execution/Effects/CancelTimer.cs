namespace WfaaS.Engine.Execution.Effects;

/// <summary>The timer <paramref name="Serial"/> is no longer wanted (its task moved on, a heartbeat replaced it).</summary>
public sealed record CancelTimer(long Serial) : Effect;
