using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace WfaaS.Bench.Workloads;

/// <summary>
/// timer-burst's figures: lateness of each fire (the <c>nap</c> task's finished_at minus the <c>until</c> it was given),
/// over the executions started before their <c>until</c>; how many were not (a machine too slow for the lead);
/// and the service's CPU time from just before the window until 0.5 s after it, per execution (the fires' cost,
/// which the machine's other load disturbs much less than the lateness); the same for the database server's processes
/// when they run beside the service (PostgreSQL).
/// </summary>
internal sealed record TimerBurstResult(
    int Executions, double WindowSeconds, double LeadSeconds, double StartSeconds, int StartedLate, Stats Lateness, double ServiceCpuMsPerFire, double? DatabaseCpuMsPerFire);

/// <summary>
/// B executions of one <c>wait until</c>, their <c>until</c> spread evenly over one second that begins
/// once all of them can have been started (SPEC §9: 10,000 due within one second); then each is
/// polled until SUCCESS and its task's finish is read.
/// </summary>
internal static class TimerBurst
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>Starts per second assumed when choosing the lead: below what either database sustains here.</summary>
    private const double AssumedStartsPerSecond = 400;

    private static readonly TimeSpan PollPause = TimeSpan.FromMilliseconds(250);

    public static async Task<TimerBurstResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var (client, options) = (context.Client, context.Options);
        await client.PostDefinitionAsync(Definitions.TimerBurst, cancellationToken);

        var lead = TimeSpan.FromSeconds(3 + (options.Burst / AssumedStartsPerSecond));
        var windowStart = DateTimeOffset.UtcNow + lead;
        var started = new ConcurrentDictionary<string, (DateTimeOffset Until, bool Late)>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        await Concurrently.RunAsync(options.Burst, options.C, async (i, ct) =>
        {
            var until = windowStart + (Window * i / options.Burst);
            var input = $$"""{"until": "{{until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}}"}""";
            var execution = await client.StartAsync(Definitions.TimerBurstName, input, ct);
            started[execution.Id] = (until, DateTimeOffset.UtcNow >= until);
        }, cancellationToken);
        var startSeconds = clock.Elapsed.TotalSeconds;

        var untilWindow = windowStart - TimeSpan.FromMilliseconds(200) - DateTimeOffset.UtcNow;
        if (untilWindow > TimeSpan.Zero)
        {
            await Task.Delay(untilWindow, cancellationToken);
        }

        var cpuBefore = context.Service.CpuTime();
        var databaseCpuBefore = context.Database.ServerCpuTime();
        var untilLastDue = windowStart + Window - DateTimeOffset.UtcNow;
        if (untilLastDue > TimeSpan.Zero)
        {
            // Leave the service alone until the last timer is due, so polling does not compete with the fires.
            await Task.Delay(untilLastDue + TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        var cpu = context.Service.CpuTime() - cpuBefore;
        var databaseCpu = context.Database.ServerCpuTime() - databaseCpuBefore;

        await UntilSucceeded.RunAsync(client, [.. started.Keys], options.C, PollPause, "timer-burst", cancellationToken);

        var lateness = new ConcurrentBag<double>();
        var onTime = started.Where(s => !s.Value.Late).ToList();
        await Concurrently.RunAsync(onTime.Count, options.C, async (i, ct) =>
        {
            var (id, (until, _)) = onTime[i];
            var nap = (await client.TasksAsync(id, ct)).SingleOrDefault(t => t.Name == "nap");
            if (nap is not { State: "SUCCESS", FinishedAt: { } finished })
            {
                throw new BenchFailure($"timer-burst: execution {id}'s nap task is {nap?.State ?? "missing"} or lacks finished_at.");
            }

            lateness.Add((finished - until).TotalMilliseconds);
        }, cancellationToken);

        return new TimerBurstResult(options.Burst, Window.TotalSeconds, lead.TotalSeconds, startSeconds, started.Count - onTime.Count, Stats.Of(lateness), cpu.TotalMilliseconds / options.Burst,
            databaseCpu?.TotalMilliseconds / options.Burst);
    }
}
