using WfaaS.Engine.Binding;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>
/// SPEC §3.3: <c>action</c> and <c>revert.action</c> name a built-in action. A revert undoes at once:
/// it is a local action or an <c>http</c> request, never one that waits (docs/decisions.md).
/// </summary>
internal static class ActionRule
{
    private static readonly string[] RevertActions = [BuiltInActions.Noop, BuiltInActions.Echo, BuiltInActions.Fail, BuiltInActions.Http];

    public static void CheckRevert(string action, string path, ErrorList errors)
    {
        if (!BuiltInActions.IsKnown(action))
        {
            Check(action, path, errors);
        }
        else if (!RevertActions.Contains(action, StringComparer.Ordinal))
        {
            errors.Add(path, $"'{action}' cannot revert a task; a revert action is one of {string.Join(", ", RevertActions)}");
        }
    }

    public static void Check(string action, string path, ErrorList errors)
    {
        if (!BuiltInActions.IsKnown(action))
        {
            errors.Add(path, $"unknown action '{Text.Truncate(action)}'; expected one of {string.Join(", ", BuiltInActions.All)}");
        }
    }
}
