using System.Globalization;

namespace WfaaS.Bench;

/// <summary>
/// CPU time used so far by this machine's processes of one name (user + system, from
/// <c>/proc/&lt;pid&gt;/stat</c>): a database server's, which runs beside the service. A process that
/// exits between two readings takes its time with it (a server's pooled backends stay).
/// </summary>
internal static class ProcessCpu
{
    /// <summary><c>/proc</c> counts in USER_HZ, which Linux fixes at 100 for every architecture it reports to.</summary>
    private const int TicksPerSecond = 100;

    public static TimeSpan OfProcessesNamed(string name)
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                if (Parse(File.ReadAllText(Path.Combine(directory, "stat"))) is { } stat && stat.Name == name)
                {
                    ticks += stat.Ticks;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It exited while the directory was listed.
            }
        }

        return TimeSpan.FromSeconds((double)ticks / TicksPerSecond);
    }

    /// <summary>
    /// A stat line's command name and its utime + stime in ticks. The name is in parentheses and
    /// may hold spaces and parentheses itself, so the fields are counted from the last ')'.
    /// </summary>
    internal static (string Name, long Ticks)? Parse(string stat)
    {
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        // After the name: state (field 3) … utime (field 14), stime (field 15).
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 12
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            ? (stat[(open + 1)..close], user + system)
            : null;
    }
}
