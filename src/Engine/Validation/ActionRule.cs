using WfaaS.Engine.Binding;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>SPEC §3.3: <c>action</c> and <c>revert.action</c> name a built-in action.</summary>
internal static class ActionRule
{
    public static void Check(string action, string path, ErrorList errors)
    {
        if (!BuiltInActions.IsKnown(action))
        {
            errors.Add(path, $"unknown action '{Text.Truncate(action)}'; expected one of {string.Join(", ", BuiltInActions.All)}");
        }
    }
}
