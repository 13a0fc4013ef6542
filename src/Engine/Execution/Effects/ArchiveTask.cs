namespace WfaaS.Engine.Execution.Effects;

/// <summary>A finished <c>for_each</c> element leaves the execution's state for the archive, as it stands (SPEC §3.6).</summary>
public sealed record ArchiveTask(TaskDetail Task) : Effect;
