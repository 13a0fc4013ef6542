using System.Globalization;

namespace WfaaS.Bench.Workloads;

/// <summary>
/// The service's own runtime figures from its <c>/metrics</c> (the <c>System.Runtime</c> meter): bytes
/// allocated, collections by generation, time paused. Two readings around a workload give what the
/// workload cost in garbage, which is what a latency tail pays for in pauses.
/// </summary>
internal sealed record RuntimeCounters(double AllocatedBytes, double Gen0, double Gen1, double Gen2, double PauseSeconds, double JitCompiledMethods = 0)
{
    public static async Task<RuntimeCounters> ReadAsync(WfaasClient client, CancellationToken cancellationToken) =>
        Parse(await client.MetricsAsync(cancellationToken));

    public static RuntimeCounters Parse(string prometheus)
    {
        double allocated = 0, gen0 = 0, gen1 = 0, gen2 = 0, pause = 0, jitted = 0;
        foreach (var line in prometheus.Split('\n'))
        {
            // name{labels} value [timestamp]
            var nameEnd = line.IndexOfAny(['{', ' ']);
            var labelsEnd = line.IndexOf('}');
            var fields = line[((labelsEnd < 0 ? nameEnd : labelsEnd) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line.StartsWith('#') || nameEnd < 0 || fields.Length == 0 ||
                !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var name = line.AsSpan(0, nameEnd);
            switch (name)
            {
                case "dotnet_gc_heap_total_allocated_bytes_total":
                    allocated = value;
                    break;
                case "dotnet_jit_compiled_methods_total":
                    jitted = value;
                    break;
                case "dotnet_gc_pause_time_seconds_total":
                    pause = value;
                    break;
                case "dotnet_gc_collections_total" when line.Contains("\"gen0\"", StringComparison.Ordinal):
                    gen0 = value;
                    break;
                case "dotnet_gc_collections_total" when line.Contains("\"gen1\"", StringComparison.Ordinal):
                    gen1 = value;
                    break;
                case "dotnet_gc_collections_total" when line.Contains("\"gen2\"", StringComparison.Ordinal):
                    gen2 = value;
                    break;
            }
        }

        return new RuntimeCounters(allocated, gen0, gen1, gen2, pause, jitted);
    }

    public static RuntimeCounters operator -(RuntimeCounters after, RuntimeCounters before) => new(
        after.AllocatedBytes - before.AllocatedBytes, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2,
        after.PauseSeconds - before.PauseSeconds, after.JitCompiledMethods - before.JitCompiledMethods);
}
