using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace WfaaS.Engine.Binding;

/// <summary>A dotted path into a JSON value (<c>body.items.0.id</c>); a segment of digits indexes an array.</summary>
public sealed record SymbolPath(ImmutableArray<string> Segments)
{
    public static SymbolPath Empty { get; } = new(ImmutableArray<string>.Empty);

    public bool IsEmpty => Segments.IsEmpty;

    public static bool TryParse(string text, [NotNullWhen(true)] out SymbolPath? path)
    {
        ArgumentNullException.ThrowIfNull(text);
        path = null;
        if (text.Length == 0)
        {
            return false;
        }

        var segments = text.Split('.');
        if (!segments.All(IsSegment))
        {
            return false;
        }

        path = new SymbolPath([.. segments]);
        return true;
    }

    public bool Equals(SymbolPath? other) =>
        other is not null && Segments.SequenceEqual(other.Segments, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in Segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => string.Join('.', Segments);

    internal static bool IsSegment(string segment) =>
        segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
