using System.Text.RegularExpressions;

namespace WfaaS.Api.Telemetry;

/// <summary>
/// The callback and approval tokens are in their URLs' paths (SPEC §6, §8: capability URLs), and a
/// request's path is what the framework logs and traces. SPEC §10: never a callback token, so every
/// path that reaches a log line or a span goes through here first.
/// </summary>
internal static partial class CapabilityPaths
{
    public const string Redacted = "{token}";

    /// <summary>Whether <paramref name="text"/> holds a token in a capability path.</summary>
    public static bool Contains(string text) =>
        (text.Contains("/callbacks/", StringComparison.Ordinal) || text.Contains("/approvals/", StringComparison.Ordinal)) && Token().IsMatch(text);

    /// <summary><paramref name="text"/> with every token of a capability path replaced by <see cref="Redacted"/>.</summary>
    public static string Redact(string text) => Contains(text) ? Token().Replace(text, "$1" + Redacted) : text;

    [GeneratedRegex(@"(/(?:callbacks|approvals)/)(?!\{token\})[^/?#\s""']+")]
    private static partial Regex Token();
}
