namespace WfaaS.Engine.Execution.Effects;

/// <summary>The <c>workflow</c> task stopped waiting for its child (cancelled, timed out, reverted): cancel the child.</summary>
public sealed record CancelChild(string Task, int Attempt) : Effect;
