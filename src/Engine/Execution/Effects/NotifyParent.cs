namespace WfaaS.Engine.Execution.Effects;

/// <summary>This child execution finished: tell the parent's waiting task (SPEC §3.4 <c>workflow</c>).</summary>
/// <param name="Parent">The waiting task.</param>
/// <param name="Finished">The event the parent's step applies.</param>
public sealed record NotifyParent(ParentLink Parent, Events.ChildFinished Finished) : Effect;
