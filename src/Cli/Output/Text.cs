using System.Globalization;
using System.Text.Json;
using WfaaS.Cli.Api;

namespace WfaaS.Cli.Output;

/// <summary>How the text output shows the API's values.</summary>
internal static class Text
{
    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    public static string Clock(DateTimeOffset at) => at.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Json(JsonElement? value) => value is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } v ? v.GetRawText() : "null";

    /// <summary>One history entry: <c>08:00:01  task boot: RUNNING -> WAITING (waiting for callback)</c>.</summary>
    public static string Transition(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var attempt = entry.Attempt is > 1 ? $", attempt {entry.Attempt}" : "";
        var cause = string.IsNullOrEmpty(entry.Cause) ? "" : $" ({entry.Cause}{attempt})";
        var from = entry.From is null ? "" : $"{entry.From} ";
        return $"{Clock(entry.At)}  {entry.Subject} {entry.Name}: {from}-> {entry.To}{cause}";
    }

    /// <summary>How an execution stands: its state, and its error or output.</summary>
    public static IEnumerable<string> Outcome(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (execution.Error is { } error)
        {
            yield return $"error: {error.Task} failed: {error.Type}: {error.Message}";
        }

        if (execution.State == "SUCCESS")
        {
            yield return $"output: {Json(execution.Output)}";
        }

        if (execution.Checkpoint is { } checkpoint)
        {
            yield return $"checkpoint: {checkpoint}";
        }
    }
}
