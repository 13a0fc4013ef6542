namespace WfaaS.Engine.Execution.Effects;

/// <summary>The task no longer waits for attempt <paramref name="Attempt"/>'s tokens: a late callback gets 410 (SPEC §6).</summary>
public sealed record VoidTokens(string Task, int Attempt) : Effect;
