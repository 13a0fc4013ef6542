using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using WfaaS.Engine.Binding;

namespace WfaaS.Engine.Definitions;

/// <summary>
/// Strict ISO 8601 durations (<c>PT2S</c>, <c>P5D</c>, <c>PT1H30M</c>, <c>P1DT2H</c>, <c>P2W</c>, <c>PT0.5S</c>).
/// Years and months are refused: their length depends on the calendar date they start from.
/// </summary>
internal static partial class IsoDuration
{
    private const int MaxDigits = 12;
    private const decimal MaxSeconds = 900_000_000_000m;

    private static readonly (string Group, decimal Seconds)[] Units =
    [
        ("weeks", 7 * 86_400m),
        ("days", 86_400m),
        ("hours", 3_600m),
        ("minutes", 60m),
        ("seconds", 1m),
    ];

    public static bool TryParse(string text, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        value = TimeSpan.Zero;
        var quoted = Text.Truncate(text);
        var match = text.Length <= 200 ? Pattern().Match(text) : Match.Empty;
        var hasTime = text.Contains('T', StringComparison.Ordinal);
        if (!match.Success
            || (!Units.Any(u => match.Groups[u.Group].Success) && !match.Groups["years"].Success && !match.Groups["months"].Success)
            || (hasTime && !(match.Groups["hours"].Success || match.Groups["minutes"].Success || match.Groups["seconds"].Success)))
        {
            error = $"'{quoted}' is not an ISO 8601 duration such as PT30S, PT1H30M, P5D or P1DT2H";
            return false;
        }

        if (match.Groups["years"].Success || match.Groups["months"].Success)
        {
            error = $"'{quoted}' uses years or months, which have no fixed length; use weeks, days or hours instead (e.g. P30D)";
            return false;
        }

        if (match.Groups["sign"].Success)
        {
            error = $"'{quoted}' is negative; a duration must not be negative";
            return false;
        }

        var seconds = 0m;
        foreach (var (group, unit) in Units)
        {
            var digits = match.Groups[group];
            if (!digits.Success)
            {
                continue;
            }

            var integral = digits.Value.Split('.', ',')[0];
            if (integral.Length > MaxDigits)
            {
                error = $"'{quoted}' is too long a duration";
                return false;
            }

            seconds += decimal.Parse(digits.Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * unit;
        }

        if (seconds > MaxSeconds)
        {
            error = $"'{quoted}' is too long a duration";
            return false;
        }

        value = TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        error = null;
        return true;
    }

    [GeneratedRegex(@"^(?<sign>-)?P(?:(?<years>\d+)Y)?(?:(?<months>\d+)M)?(?:(?<weeks>\d+)W)?(?:(?<days>\d+)D)?(?:T(?:(?<hours>\d+)H)?(?:(?<minutes>\d+)M)?(?:(?<seconds>\d+(?:[.,]\d{1,9})?)S)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
