namespace WfaaS.Engine.Definitions;

/// <summary>JSON paths without the <c>$.</c> prefix: <c>flow.items[2].input.url</c>; keys that are not identifiers use <c>['a b']</c>.</summary>
internal static class DefinitionPath
{
    public const string Document = "$";

    public static string Property(string parent, string key)
    {
        if (!IsIdentifier(key))
        {
            return $"{parent}['{key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
        }

        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    private static bool IsIdentifier(string key) =>
        key.Length is > 0 and <= 200
        && (char.IsAsciiLetter(key[0]) || key[0] == '_')
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
