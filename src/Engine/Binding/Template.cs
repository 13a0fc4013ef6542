using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace WfaaS.Engine.Binding;

/// <summary>
/// A string of input: literal text and <c>${name.path}</c> placeholders. A string that is exactly one placeholder
/// takes the referenced JSON value itself; otherwise values are interpolated as text (SPEC §3.2). <c>$${</c> is a literal <c>${</c>.
/// </summary>
public sealed record Template(ImmutableArray<TemplatePart> Parts)
{
    public bool IsSinglePlaceholder => Parts is [Placeholder];

    public bool HasPlaceholders => Parts.Any(p => p is Placeholder);

    public IEnumerable<Placeholder> Placeholders => Parts.OfType<Placeholder>();

    /// <summary>True when <paramref name="text"/> uses placeholder syntax at all, well-formed or not.</summary>
    public static bool MayContainPlaceholder(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("${", StringComparison.Ordinal);
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out Template? template, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        template = null;
        var parts = ImmutableArray.CreateBuilder<TemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
                continue;
            }

            if (text[i] != '$' || i + 1 >= text.Length || text[i + 1] != '{')
            {
                literal.Append(text[i]);
                i++;
                continue;
            }

            var close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                error = $"unterminated placeholder: '${{' at position {i} has no closing '}}'";
                return false;
            }

            var expression = text[(i + 2)..close];
            if (expression.Length == 0)
            {
                error = $"empty placeholder '${{}}' at position {i}";
                return false;
            }

            var segments = expression.Split('.');
            if (!IsName(segments[0]) || !segments.Skip(1).All(SymbolPath.IsSegment))
            {
                error = $"invalid placeholder '${{{Text.Truncate(expression)}}}': expected a name (a letter, then letters, digits, '_' or '-') "
                    + "optionally followed by '.'-separated path segments";
                return false;
            }

            if (literal.Length > 0)
            {
                parts.Add(new TemplateLiteral(literal.ToString()));
                literal.Clear();
            }

            parts.Add(new Placeholder(expression, [.. segments]));
            i = close + 1;
        }

        if (literal.Length > 0)
        {
            parts.Add(new TemplateLiteral(literal.ToString()));
        }

        template = new Template(parts.ToImmutable());
        error = null;
        return true;
    }

    public bool Equals(Template? other) => other is not null && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Length;

    private static bool IsName(string segment) =>
        segment.Length is > 0 and <= 100 && char.IsAsciiLetter(segment[0]) && SymbolPath.IsSegment(segment);
}
