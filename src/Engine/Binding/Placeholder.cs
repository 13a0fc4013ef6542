using System.Collections.Immutable;

namespace WfaaS.Engine.Binding;

/// <summary>A <c>${...}</c> placeholder; <see cref="Segments"/> are the dot-separated parts of <see cref="Expression"/>.</summary>
public sealed record Placeholder(string Expression, ImmutableArray<string> Segments) : TemplatePart
{
    public bool IsContext => Segments[0] == ContextValues.Root;

    /// <summary>
    /// Symbol names may contain dots, so the root is the longest prefix of the segments that names a known symbol;
    /// without a match (or without <paramref name="knownSymbols"/>) it is the first segment.
    /// </summary>
    public SymbolReference Resolve(IReadOnlySet<string>? knownSymbols = null)
    {
        if (knownSymbols is not null)
        {
            for (var length = Segments.Length; length > 1; length--)
            {
                var candidate = string.Join('.', Segments.Take(length));
                if (knownSymbols.Contains(candidate))
                {
                    return new SymbolReference(candidate, new SymbolPath(Segments[length..]));
                }
            }
        }

        return new SymbolReference(Segments[0], new SymbolPath(Segments[1..]));
    }

    public bool Equals(Placeholder? other) =>
        other is not null && string.Equals(Expression, other.Expression, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Expression);

    public override string ToString() => "${" + Expression + "}";
}
