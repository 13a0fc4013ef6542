namespace WfaaS.Engine.Binding;

/// <summary>A placeholder resolved to the symbol it reads (<paramref name="Root"/>) and the path inside that symbol's value.</summary>
public sealed record SymbolReference(string Root, SymbolPath Path);
