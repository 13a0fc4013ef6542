namespace WfaaS.Engine.Definitions;

/// <summary>An item of a flow. <paramref name="Path"/> is the JSON path of its source, kept for later error messages.</summary>
public abstract record FlowItem(string Path);
