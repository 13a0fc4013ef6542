using System.Diagnostics;

namespace WfaaS.Bench.Workloads;

/// <summary>
/// Waits until the service has stopped compiling: its <c>dotnet_jit_compiled_methods_total</c>
/// unchanged over <see cref="Quiet"/>, read every <see cref="Pause"/>, for at most <c>bound</c>.
/// Under load the tiered JIT's background worker gets little of two cores, and the recompiles it
/// queued (Tier1, with what Tier0 profiled) run once the load eases: in the first second of the
/// one-at-a-time callbacks, 1,700 methods after a 15 s warm-up, and those callbacks were the p99.
/// </summary>
internal static class JitQuiet
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    /// <returns>How long it waited, and whether the compiler went quiet within <paramref name="bound"/>.</returns>
    public static async Task<(double Seconds, bool Quiet)> WaitAsync(WfaasClient client, TimeSpan bound, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var last = (await RuntimeCounters.ReadAsync(client, cancellationToken)).JitCompiledMethods;
        var since = clock.Elapsed;
        while (clock.Elapsed < bound)
        {
            await Task.Delay(Pause, cancellationToken);
            var now = (await RuntimeCounters.ReadAsync(client, cancellationToken)).JitCompiledMethods;
            if (now != last)
            {
                (last, since) = (now, clock.Elapsed);
            }
            else if (clock.Elapsed - since >= Quiet)
            {
                return (clock.Elapsed.TotalSeconds, true);
            }
        }

        return (clock.Elapsed.TotalSeconds, false);
    }
}
