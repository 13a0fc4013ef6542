using WfaaS.Engine.Binding;

namespace WfaaS.Engine.Validation;

/// <summary>SPEC §3.3: names match <c>^[A-Za-z][A-Za-z0-9_.-]{0,99}$</c>; symbols may not use the reserved <c>ctx</c> root.</summary>
internal static class NameRule
{
    public const int MaxLength = 100;

    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength
        && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    public static bool IsValidSymbol(string name) => IsValid(name) && !IsReserved(name);

    public static void Check(string name, string path, bool symbol, ErrorList errors)
    {
        if (!IsValid(name))
        {
            errors.Add(path, $"'{Text.Truncate(name)}' is not a valid name: use 1 to {MaxLength} characters, a letter followed by letters, digits, '_', '.' or '-'");
        }
        else if (symbol && IsReserved(name))
        {
            errors.Add(path, $"'{name}' is reserved for context values (${{ctx.*}}) and cannot name a symbol");
        }
    }

    private static bool IsReserved(string name) =>
        name == ContextValues.Root || name.StartsWith(ContextValues.Root + ".", StringComparison.Ordinal);
}
