using System.Globalization;
using System.Text.RegularExpressions;

namespace WfaaS.Engine.Definitions;

/// <summary>RFC 3339 timestamps: a full date and time with a <c>Z</c> or numeric offset (a bare local time is ambiguous).</summary>
internal static partial class Rfc3339
{
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return text.Length <= 64
            && Pattern().IsMatch(text)
            && DateTimeOffset.TryParse(text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?(?:[Zz]|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
