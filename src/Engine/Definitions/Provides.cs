using System.Collections.Immutable;

namespace WfaaS.Engine.Definitions;

/// <summary>Either the whole result under <see cref="WholeName"/>, or parts of it under the names of <see cref="Paths"/> (document order).</summary>
public sealed record Provides(string? WholeName, ImmutableArray<ProvidedPath> Paths)
{
    public static Provides Whole(string name) => new(name, []);

    public static Provides ByPath(ImmutableArray<ProvidedPath> paths) => new(null, paths);

    public ImmutableArray<string> Names =>
        WholeName is { } whole ? [whole] : [.. Paths.Select(p => p.Name)];
}
