namespace WfaaS.Engine.Execution.Effects;

/// <summary>The item starts over: every archived element of <paramref name="Item"/> goes.</summary>
public sealed record DropArchive(string Item) : Effect;
