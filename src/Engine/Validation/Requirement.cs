namespace WfaaS.Engine.Validation;

/// <summary>One use of a symbol by a task: a placeholder root or a <c>requires</c> entry, at <paramref name="Path"/>.</summary>
internal sealed record Requirement(string Path, string Symbol, bool InRevert);
