using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WfaaS.Chaos;

/// <summary>The printed summary and the JSON file.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The text lists at most this many unfinished executions and anomalies of one kind; the JSON has them all.</summary>
    private const int ShownPerList = 25;

    public static string Text(Results r)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        Line($"WfaaS.Chaos on {r.Database}, seed {r.Seed}{(r.Quick ? " (--quick)" : string.Empty)}, commit {r.Commit}; {r.Clients} starting loops" +
            (r.HttpLatencyMilliseconds > 0 ? $", http target answering after {r.HttpLatencyMilliseconds:0} ms" : string.Empty));
        Line($"kills: {r.Kills.Count} of {r.KillsPlanned} ({r.Sigkills} SIGKILL, {r.Sigterms} SIGTERM first, {r.HungAfterSigterm} of those hung and were SIGKILLed)" +
            $"; restarts: {r.Restarts}, each ready in {Range(r.RestartSeconds)} s; kill phase {r.KillPhaseSeconds:0} s");
        if (r.ServiceExits.Count > 0)
        {
            Line($"the service exited on its own {r.ServiceExits.Count} time(s): {string.Join("; ", r.ServiceExits)}");
        }

        Line($"executions: {r.StartsAnswered} started by the harness ({r.StartsResent} of them after a resent start), {r.Children} children, {r.ExecutionsListed} listed");
        Line($"finished: {string.Join(", ", r.Finished.Select(f => $"{f.Key} {f.Value}"))}; unfinished: {r.Unfinished.Count}");
        Line($"by workflow: {string.Join(", ", r.ByWorkflow.Select(f => $"{f.Key} {f.Value}"))}");
        Line($"callbacks: {r.CallbackTokens} tokens, {r.CallbackRequests} requests; approvals: {r.ApprovalTokens} tokens, {r.ApprovalRequests} requests; " +
            $"{r.DuplicateAnswers} answers said duplicate; http target: {r.TargetRequests} requests");
        Line($"requests without an answer (service down): {r.UnansweredRequests}; 5xx answers (resent): " +
            (r.ServerErrors.Count == 0 ? "none" : string.Join(", ", r.ServerErrors.Select(e => $"{e.Key} ×{e.Value}"))));
        foreach (var sample in r.ServerErrorSamples)
        {
            Line($"  5xx: {sample}");
        }

        if (r.TimerLatenessMaxSeconds is { } max)
        {
            Line($"timer lateness: p99 {r.TimerLatenessP99Seconds:0.000} s, max {max:0.000} s (kills delay timers; reported, not checked)");
        }

        Line(r.SecondsToFinish is { } seconds
            ? $"seconds from the last restart until every execution finished: {seconds:0.0} (bound {r.DrainBoundSeconds:0})"
            : $"seconds from the last restart until every execution finished: NOT within the bound of {r.DrainBoundSeconds:0} s");
        if (r.Unfinished.Count > 0)
        {
            Line($"  unfinished by workflow and state: {string.Join(", ", r.Unfinished.GroupBy(u => $"{u.Workflow} {u.State}").Select(g => $"{g.Key} ×{g.Count()}"))}");
            Line("  unfinished by what they wait on:");
            foreach (var group in r.Unfinished.GroupBy(u => u.Diagnosis).OrderByDescending(g => g.Count()))
            {
                Line($"    {group.Count()} × {group.Key}");
            }
        }

        // A few examples of each kind of wait; the JSON has them all.
        foreach (var unfinished in r.Unfinished.GroupBy(u => u.Diagnosis).SelectMany(g => g.Take(3)).Take(ShownPerList))
        {
            Line($"  unfinished {unfinished.Id} ({unfinished.Workflow}, {unfinished.State}): {unfinished.Diagnosis}; {unfinished.Tasks}");
            foreach (var entry in unfinished.LastHistory)
            {
                Line($"      {entry}");
            }
        }

        Line($"anomalies: {r.Anomalies.Count}");
        foreach (var group in r.Anomalies.GroupBy(a => a.Kind))
        {
            Line($"  {group.Key}: {group.Count()}");
            foreach (var anomaly in group.Take(ShownPerList))
            {
                Line($"    - {anomaly}");
            }
        }

        foreach (var note in r.Notes.Take(ShownPerList))
        {
            Line($"note: {note}");
        }

        if (r.Error is not null)
        {
            Line($"harness error: {r.Error}");
        }

        if (r.ServiceLog is not null)
        {
            Line($"service log: {r.ServiceLog}" + (r.Database?.StartsWith("postgresql", StringComparison.Ordinal) == true
                ? " (the PostgreSQL database was dropped; --keep keeps it)" : string.Empty));
        }

        Line(r.Passed ? "PASSED" : "FAILED");
        return text.ToString();
    }

    public static async Task WriteJsonAsync(Results results, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, results, JsonOptions, cancellationToken);
    }

    private static string Range(List<double> values) =>
        values.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{values.Min():0.0}–{values.Max():0.0}");
}
