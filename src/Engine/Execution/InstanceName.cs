using System.Globalization;

namespace WfaaS.Engine.Execution;

/// <summary>
/// SPEC §3.6: the name of a <c>for_each</c> element, <c>boot[2]</c>: its item's name and its index.
/// Task names cannot hold <c>[</c>, so an instance name is never a task's own.
/// </summary>
public static class InstanceName
{
    public static string Of(string item, int index) => $"{item}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>The item an instance belongs to; a plain task's name is its own item.</summary>
    public static string ItemOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var open = name.IndexOf('[', StringComparison.Ordinal);
        return open < 0 ? name : name[..open];
    }

    public static bool IsElement(string name) => name.EndsWith(']');
}
