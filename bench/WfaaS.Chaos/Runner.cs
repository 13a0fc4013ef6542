using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using WfaaS.Chaos.Check;
using WfaaS.Chaos.Client;
using WfaaS.Chaos.Service;
using WfaaS.Chaos.Target;
using WfaaS.Chaos.Workload;

namespace WfaaS.Chaos;

/// <summary>
/// One run: build src/Api, make a fresh database, start the http target and the service, post the
/// workflows, drive the load while killing the service at random moments, restart it a last time,
/// stop the load, wait (bounded) for every execution to finish, read everything back and check it.
/// </summary>
internal static class Runner
{
    private static readonly TimeSpan SigtermGrace = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StartersBound = TimeSpan.FromSeconds(170);
    private static readonly TimeSpan RespondersBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CheckBound = TimeSpan.FromMinutes(15);
    private const int LastHistoryShown = 6;

    public static async Task<int> RunAsync(Options options, IReadOnlyList<string> args, CancellationToken interrupt)
    {
        var total = Stopwatch.StartNew();
        var repoRoot = RepoRoot();
        var results = new Results
        {
            StartedAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            CommandLine = "dotnet run -c Release --project bench/WfaaS.Chaos --" + string.Concat(args.Select(a => " " + Quote(a))),
            Commit = await CommitAsync(repoRoot),
            Seed = options.Seed,
            Quick = options.Quick,
            KillsPlanned = options.Kills,
            Clients = options.Clients,
            HttpLatencyMilliseconds = options.HttpLatency.TotalMilliseconds,
            DrainBoundSeconds = options.Drain.TotalSeconds,
        };
        Log($"seed {options.Seed} (repeat the random choices with --seed {options.Seed})");

        var runDirectory = Directory.CreateTempSubdirectory("wfaas-chaos-");
        var logPath = Path.Combine(runDirectory.FullName, "service.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        ChaosDatabase? database = null;
        FlakyTarget? target = null;
        ServiceHost? host = null;
        try
        {
            if (!options.NoBuild)
            {
                Log("building src/Api in Release");
                await ServiceProcess.BuildAsync(repoRoot, interrupt);
            }

            database = options.Pg is null
                ? new SqliteChaosDatabase(runDirectory.FullName)
                : await PostgresChaosDatabase.CreateAsync(options.Pg, interrupt);
            results.Database = $"{database.Kind} ({database.Location})";
            target = await FlakyTarget.StartAsync(ServiceProcess.FreePort(), options.HttpLatency, interrupt);
            var environment = new Dictionary<string, string>(database.ServiceEnvironment, StringComparer.Ordinal)
            {
                // Fixed for the run, so every life derives the same tokens (SPEC §6) and old URLs keep working.
                ["Tokens__Secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Scheduler__TimerSweepInterval"] = "00:00:01",
                ["Actions__Http__AllowedHosts__0"] = "127.0.0.1",
            };
            host = new ServiceHost(ServiceProcess.ApiDll(repoRoot), environment, runDirectory.FullName, log);
            await RunLoadAsync(options, results, host, target, interrupt);
        }
        catch (ChaosFailure e)
        {
            results.Error = e.Message;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            results.Error = "Interrupted.";
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            if (target is not null)
            {
                await target.DisposeAsync();
            }

            var keep = options.Keep || !results.Passed;
            if (database is not null)
            {
                database.Keep = options.Keep;
                await database.DisposeAsync();
            }

            await log.DisposeAsync();
            if (keep)
            {
                results.ServiceLog = logPath;
            }
            else
            {
                TryDelete(runDirectory);
            }
        }

        results.TotalSeconds = total.Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.Write(Report.Text(results));
        await Report.WriteJsonAsync(results, options.Out, CancellationToken.None);
        Console.WriteLine($"results: {Path.GetFullPath(options.Out)}");
        return results.Passed ? 0 : results.Anomalies.Count > 0 || results.Unfinished.Count > 0 || results.SecondsToFinish is null && results.Error is null ? 1 : 2;
    }

    private static async Task RunLoadAsync(Options options, Results results, ServiceHost host, FlakyTarget target, CancellationToken interrupt)
    {
        Log("starting the service");
        await host.StartAsync(interrupt);
        using var client = new ChaosClient(() => host.BaseUrl, maxConnections: 64);
        await PostDefinitionsAsync(client, target, interrupt);

        var ledger = new Ledger();
        var load = new Load(client, ledger, options.Seed);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        using var stopResponders = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        var responders = new[]
        {
            Task.Run(() => load.CallbackLoopAsync(stopResponders.Token), CancellationToken.None),
            Task.Run(() => load.ApprovalLoopAsync(stopResponders.Token), CancellationToken.None),
        };
        var starters = Enumerable.Range(0, options.Clients)
            .Select(i => Task.Run(() => load.StartLoopAsync(i, options.PauseMilliseconds, stopLoad.Token, interrupt), CancellationToken.None))
            .ToArray();

        try
        {
            await DriveAsync(options, results, host, target, client, ledger, starters, responders, stopLoad, stopResponders, interrupt);
        }
        finally
        {
            // Whatever went wrong, no loop outlives the run.
            await stopLoad.CancelAsync();
            await stopResponders.CancelAsync();
        }
    }

    private static async Task DriveAsync(
        Options options, Results results, ServiceHost host, FlakyTarget target, ChaosClient client, Ledger ledger,
        Task[] starters, Task[] responders, CancellationTokenSource stopLoad, CancellationTokenSource stopResponders, CancellationToken interrupt)
    {
        Log($"kill phase: {options.Kills} kills, {options.Clients} starting loops");
        var restartFailed = !await KillPhaseAsync(options, results, host, interrupt);

        // The last restart: the load stops; every start still in flight is answered; everything drains.
        await stopLoad.CancelAsync();
        var sinceRestart = Stopwatch.StartNew();
        var settled = false;
        if (!restartFailed)
        {
            Log("last restart; load stopped; draining");
            if (await RestartAsync(results, host, interrupt))
            {
                var startersDone = await WithinAsync(Task.WhenAll(starters), StartersBound);
                if (!startersDone)
                {
                    results.Notes.Add($"some starting loops were still resending a start {StartersBound.TotalSeconds} s after the last restart");
                }

                results.SecondsToFinish = await DrainAsync(options, results, host, client, sinceRestart, interrupt);
                settled = startersDone && results.SecondsToFinish is not null;
                Log(results.SecondsToFinish is { } s ? $"every execution finished {s:0.0} s after the last restart" : $"not finished within {options.Drain.TotalSeconds} s");
            }
        }

        await stopResponders.CancelAsync();
        await WithinAsync(Task.WhenAll(responders), RespondersBound);
        if (!await WithinAsync(Task.WhenAll(starters), TimeSpan.FromSeconds(1)))
        {
            results.Notes.Add("starting loops still running when the check began");
        }

        results.StartsRequested = ledger.Starts.Count;
        results.StartsAnswered = ledger.Starts.Count(s => s.Id is not null);
        results.StartsResent = ledger.Starts.Count(s => s.Requests > 1);
        results.CallbackTokens = ledger.Tokens.Count(t => t.Kind == "callback");
        results.CallbackRequests = ledger.Tokens.Where(t => t.Kind == "callback").Sum(t => Ledger.Locked(t, r => r.Sent));
        results.ApprovalTokens = ledger.Tokens.Count(t => t.Kind == "approval");
        results.ApprovalRequests = ledger.Tokens.Where(t => t.Kind == "approval").Sum(t => Ledger.Locked(t, r => r.Sent));
        results.DuplicateAnswers = ledger.Tokens.Sum(t => Ledger.Locked(t, r => r.Answers.Count(a => a.Duplicate == true)));
        results.TargetRequests = target.RequestCount;

        if (!host.HasExited)
        {
            Log("reading every execution back");
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
            bound.CancelAfter(CheckBound);
            await CheckAsync(results, new Reader(client), new Checker(ledger, target.For), settled, bound.Token);
        }

        results.UnansweredRequests = client.Unanswered;
        foreach (var (status, count) in client.ServerErrors)
        {
            results.ServerErrors[status] = count;
        }

        results.ServerErrorSamples.AddRange(client.ServerErrorSamples);
    }

    /// <summary>The kills, each after a random uptime; false when the service could not be started again.</summary>
    private static async Task<bool> KillPhaseAsync(Options options, Results results, ServiceHost host, CancellationToken interrupt)
    {
        var rng = new Random(options.Seed);
        var sigterms = KillPlan(options.Kills, rng);
        var phase = Stopwatch.StartNew();
        for (var kill = 1; kill <= options.Kills;)
        {
            var uptime = TimeSpan.FromSeconds(options.UptimeSeconds.Min + (rng.NextDouble() * (options.UptimeSeconds.Max - options.UptimeSeconds.Min)));
            while (host.Uptime < uptime && !host.HasExited)
            {
                await Task.Delay(50, interrupt);
            }

            if (host.HasExited)
            {
                var output = await host.ReapAsync();
                results.ServiceExits.Add($"life {host.Lives} after {host.Uptime.TotalSeconds:0.0} s");
                results.Anomalies.Add(new Anomaly("service-exited", null, null, null, $"life {host.Lives} ended on its own after {host.Uptime.TotalSeconds:0.0} s.{output}"));
            }
            else
            {
                var sigterm = sigterms[kill - 1];
                var lived = host.Uptime.TotalSeconds;
                var hung = await host.KillAsync(sigterm, SigtermGrace);
                results.Kills.Add(new KillRecord(kill, phase.Elapsed.TotalSeconds, sigterm ? "SIGTERM" : "SIGKILL", hung, lived));
                Log($"kill {kill}/{options.Kills}: {(sigterm ? "SIGTERM" + (hung ? ", hung, SIGKILL" : ", exited") : "SIGKILL")} after {lived:0.0} s up");
                kill++;
                if (kill > options.Kills)
                {
                    break;
                }
            }

            if (!await RestartAsync(results, host, interrupt))
            {
                results.KillPhaseSeconds = phase.Elapsed.TotalSeconds;
                return false;
            }
        }

        results.KillPhaseSeconds = phase.Elapsed.TotalSeconds;
        return true;
    }

    /// <summary>A fifth of the kills (rounded, at least one when there are three or more) send SIGTERM first, in a seeded order.</summary>
    private static bool[] KillPlan(int kills, Random rng)
    {
        var sigterms = kills >= 3 ? Math.Max(1, (int)Math.Round(kills / 5.0)) : 0;
        var plan = Enumerable.Range(0, kills).Select(i => i < sigterms).ToArray();
        rng.Shuffle(plan);
        return plan;
    }

    private static async Task<bool> RestartAsync(Results results, ServiceHost host, CancellationToken interrupt)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await host.StartAsync(interrupt);
        }
        catch (ChaosFailure e)
        {
            results.Anomalies.Add(new Anomaly("restart-failed", null, null, null, e.Message));
            results.Error = "The service could not be started again on its database; nothing was checked.";
            return false;
        }

        results.Restarts++;
        results.RestartSeconds.Add(clock.Elapsed.TotalSeconds);
        return true;
    }

    /// <summary>Polls until no execution is RUNNING, REVERTING or PAUSED; the seconds since the last restart, or null past the bound.</summary>
    private static async Task<double?> DrainAsync(Options options, Results results, ServiceHost host, ChaosClient client, Stopwatch sinceRestart, CancellationToken interrupt)
    {
        var reader = new Reader(client);
        var lastLog = TimeSpan.Zero;
        while (sinceRestart.Elapsed < options.Drain)
        {
            if (host.HasExited)
            {
                var output = await host.ReapAsync();
                results.Anomalies.Add(new Anomaly("service-exited", null, null, null, $"life {host.Lives} ended on its own during the drain.{output}"));
                if (!await RestartAsync(results, host, interrupt))
                {
                    return null;
                }
            }

            var unfinished = await reader.UnfinishedCountAsync(interrupt);
            if (unfinished == 0)
            {
                return sinceRestart.Elapsed.TotalSeconds;
            }

            if (sinceRestart.Elapsed - lastLog > TimeSpan.FromSeconds(15))
            {
                lastLog = sinceRestart.Elapsed;
                Log($"draining: {unfinished?.ToString(CultureInfo.InvariantCulture) ?? "?"} unfinished after {sinceRestart.Elapsed.TotalSeconds:0} s");
            }

            await Task.Delay(250, interrupt);
        }

        return null;
    }

    private static async Task CheckAsync(Results results, Reader reader, Checker checker, bool settled, CancellationToken cancellationToken)
    {
        var executions = await reader.ExecutionsAsync(cancellationToken);
        var observations = new Observation[executions.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, executions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, ct) => observations[i] = await reader.ObserveAsync(executions[i], ct));

        checker.Check(observations, settled);
        results.Anomalies.AddRange(checker.Anomalies);
        results.Notes.AddRange(checker.Notes);
        if (!settled)
        {
            results.Notes.Add("not everything had settled, so the checks that compare separate reads (missing and unexpected executions, missing children) were skipped");
        }

        results.ExecutionsListed = executions.Count;
        results.Children = executions.Count(e => e.Workflow is Catalog.ChildName or Catalog.BadChildName);
        foreach (var group in executions.Where(e => e.IsFinished).GroupBy(e => e.State))
        {
            results.Finished[group.Key] = group.Count();
        }

        foreach (var group in executions.GroupBy(e => e.Workflow))
        {
            results.ByWorkflow[group.Key] = group.Count();
        }

        foreach (var observation in observations.Where(o => !o.Execution.IsFinished).OrderBy(o => o.Execution.Workflow, StringComparer.Ordinal))
        {
            results.Unfinished.Add(new UnfinishedRecord(
                observation.Execution.Id,
                observation.Execution.Workflow,
                observation.Execution.State,
                checker.Diagnose(observation, observations),
                Checker.DescribeTasks(observation.Tasks),
                [.. observation.History.TakeLast(LastHistoryShown).Select(h => h.ToString())]));
        }

        if (checker.TimerLateness.Count > 0)
        {
            var sorted = checker.TimerLateness.Order().ToList();
            results.TimerLatenessMaxSeconds = sorted[^1];
            results.TimerLatenessP99Seconds = sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)];
        }
    }

    private static async Task PostDefinitionsAsync(ChaosClient client, FlakyTarget target, CancellationToken cancellationToken)
    {
        var targetUrl = target.BaseUrl.ToString().TrimEnd('/');
        foreach (var spec in Catalog.InPostingOrder)
        {
            var answer = await client.UntilAnsweredAsync(
                HttpMethod.Post, "/api/v1/workflows", spec.Definition.Replace("{TARGET}", targetUrl, StringComparison.Ordinal), null, TimeSpan.FromSeconds(30), null, cancellationToken);
            if (answer is not { Status: 200 or 201 })
            {
                throw new ChaosFailure($"POST /api/v1/workflows ({spec.Name}) answered {answer?.Status.ToString(CultureInfo.InvariantCulture) ?? "nothing"}: {Answer.Short(answer?.Body ?? string.Empty)}");
            }
        }
    }

    private static async Task<bool> WithinAsync(Task task, TimeSpan bound)
    {
        try
        {
            await task.WaitAsync(bound);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public static void Log(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>The directory holding WfaaS.sln, above this program's build output or the current directory.</summary>
    private static string RepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WfaaS.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new ChaosFailure("WfaaS.sln not found above the harness's build output or the current directory.");
    }

    private static async Task<string?> CommitAsync(string repoRoot)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", repoRoot, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (git is null)
            {
                return null;
            }

            var output = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            return git.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Quote(string arg) => arg.Any(char.IsWhiteSpace) || arg.Contains(';', StringComparison.Ordinal) ? $"\"{arg}\"" : arg;
}
