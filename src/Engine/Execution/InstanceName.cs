using System.Globalization;

namespace WfaaS.Engine.Execution;

/// <summary>
/// SPEC §3.6: the name of a <c>for_each</c> element, <c>boot[2]</c>: its item's name and its index; inside a
/// fanned-out flow, an element's instance of one of its tasks, <c>deploy[2].install</c>.
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

    public static string Of(string item, int index, string task) => $"{Of(item, index)}.{task}";

    /// <summary>For an instance of a fanned-out flow's task (<c>deploy[2].install</c>): the task (<c>install</c>); else null.</summary>
    public static string? TaskOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var close = name.IndexOf("].", StringComparison.Ordinal);
        return close < 0 ? null : name[(close + 2)..];
    }

    /// <summary>A task's element (<c>boot[2]</c>), or a fanned-out flow's instance (<c>deploy[2].install</c>).</summary>
    public static bool IsElement(string name) => name.EndsWith(']') || TaskOf(name) is not null;
}
