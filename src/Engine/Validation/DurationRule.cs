using System.Text.Json;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>SPEC §3.3: durations are ISO 8601 strings; zero is refused where it means nothing (timeouts, intervals).</summary>
internal static class DurationRule
{
    public static TimeSpan? Read(JsonElement element, string path, bool allowZero, ErrorList errors)
    {
        if (!JsonText.TryGetString(element, out var text))
        {
            errors.Add(path, element.ValueKind == JsonValueKind.String
                ? JsonText.InvalidText
                : $"must be an ISO 8601 duration string such as PT30S, not {JsonText.Describe(element.ValueKind)}");
            return null;
        }

        return Check(text, path, allowZero, errors);
    }

    public static TimeSpan? Check(string text, string path, bool allowZero, ErrorList errors)
    {
        if (!IsoDuration.TryParse(text, out var value, out var error))
        {
            errors.Add(path, error);
            return null;
        }

        if (!allowZero && value == TimeSpan.Zero)
        {
            errors.Add(path, "must be longer than zero");
            return null;
        }

        return value;
    }
}
