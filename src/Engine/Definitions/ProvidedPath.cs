using WfaaS.Engine.Binding;

namespace WfaaS.Engine.Definitions;

/// <summary>One entry of <c>provides: {name: dotted.path}</c>.</summary>
public sealed record ProvidedPath(string Name, SymbolPath Path);
