using System.Text.Json;
using WfaaS.Engine.Execution;

namespace WfaaS.Engine.Actions;

/// <summary>The actions that run inside the step loop (SPEC §3.4): <c>noop</c>, <c>echo</c>, <c>fail</c>.</summary>
public static class LocalActions
{
    public const string Noop = "noop";
    public const string Echo = "echo";
    public const string Fail = "fail";
    public const string Wait = "wait";
    public const string Delegate = "delegate";
    public const string Approval = "approval";
    public const string Workflow = "workflow";
    public const string DefaultFailureType = "ActionFailed";


    public static ActionKind KindOf(string action) => action switch
    {
        Noop or Echo or Fail => ActionKind.Local,
        Wait => ActionKind.Timer,
        Delegate => ActionKind.Callback,
        Approval => ActionKind.Approval,
        Workflow => ActionKind.Child,
        _ => ActionKind.External,
    };

    /// <summary>Runs a local action on its bound input: its result, or the error it fails with.</summary>
    public static (JsonElement? Result, TaskError? Error) Run(string action, JsonElement? input) => action switch
    {
        Noop => (null, null),
        Echo => (Property(input, "value") ?? Json.Null, null),
        Fail => (null, new TaskError(
            Text(Property(input, "type")) ?? DefaultFailureType,
            Text(Property(input, "message")) ?? "The task failed.")),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a local action."),
    };

    private static JsonElement? Property(JsonElement? input, string name) =>
        input is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var property) ? property : null;

    private static string? Text(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Null } or null => null,
        { } other => other.GetRawText(),
    };
}
