using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace WfaaS.Engine.Definitions;

/// <summary>
/// JSON strings may hold escaped lone surrogates, which <see cref="JsonElement.GetString"/> refuses with an exception;
/// validation must never throw, so every string is read through here.
/// </summary>
internal static class JsonText
{
    public const string InvalidText = "contains an escaped lone surrogate, which is not valid text";

    public static bool TryGetString(JsonElement element, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            text = element.GetString();
            return text is not null;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static bool TryGetName(JsonProperty property, [NotNullWhen(true)] out string? name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
