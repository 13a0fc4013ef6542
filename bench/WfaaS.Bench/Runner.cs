using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using WfaaS.Bench.Databases;
using WfaaS.Bench.Target;
using WfaaS.Bench.Workloads;

namespace WfaaS.Bench;

/// <summary>
/// One run: build src/Api, make a fresh database, measure its floor, start the service on it, run
/// the chosen workloads (each bounded by --timeout), stop the service, drop the database, report.
/// </summary>
internal static class Runner
{
    public static async Task<int> RunAsync(Options options, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var repoRoot = RepoRoot();
        var results = new Results
        {
            StartedAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            CommandLine = "dotnet run -c Release --project bench/WfaaS.Bench --" + string.Concat(args.Select(a => " " + Quote(a))),
            Commit = await Machine.CommitAsync(repoRoot),
            Machine = Machine.Describe(),
            Quick = options.Quick,
            Sizes = new Sizes(options.N, options.C, options.M, options.K, options.Timers, options.Warmup.TotalSeconds, options.FloorDuration.TotalSeconds, options.WorkloadTimeout.TotalSeconds, options.Elements, options.HttpCalls, options.Burst, options.TelemetryRounds),
            Workloads = options.Only,
        };

        var runDirectory = Directory.CreateTempSubdirectory("wfaas-bench-");
        BenchDatabase? database = null;
        ServiceProcess? service = null;
        try
        {
            if (!options.NoBuild)
            {
                Log("building src/Api in Release");
                results.ApiBuildSeconds = (await ServiceProcess.BuildAsync(repoRoot, cancellationToken)).TotalSeconds;
            }

            database = await BenchDatabase.CreateAsync(options.Pg, runDirectory.FullName, cancellationToken);
            results.Database = database.Kind;
            results.DatabaseLocation = database.Location;

            results.Floor = await StepAsync("floor", null, options, ct => Floor.MeasureAsync(database, options.C, options.FloorDuration, ct), cancellationToken);
            if (options.Runs("service-floor"))
            {
                results.ServiceFloor = await ServiceFloorAsync(repoRoot, database, runDirectory.FullName, options, cancellationToken);
            }

            // The telemetry workload starts its own two services; the others share this one.
            if (options.Only.Any(w => w is not ("service-floor" or "telemetry")))
            {
                Log($"starting the service on {database.Kind}");
                var started = Stopwatch.StartNew();
                service = await ServiceProcess.StartAsync(ServiceProcess.ApiDll(repoRoot), ServiceProcess.WfaasEnvironment(database), runDirectory.FullName, cancellationToken);
                results.ServiceStartSeconds = started.Elapsed.TotalSeconds;
                results.ServicePid = service.Pid;

                using var client = new WfaasClient(service.BaseUrl, options.C);
                var context = new WorkloadContext(service, client, database, options);
                if (options.Only.Any(w => w is "linear10" or "callback" or "timers" or "timer-burst"))
                {
                    results.Warmup = await StepAsync("warm-up", service, options, ct => Warmup.RunAsync(context, ct), cancellationToken);
                }

                if (options.Runs("linear10"))
                {
                    results.Linear10 = await StepAsync("linear10", service, options, ct => Linear10.RunAsync(context, ct), cancellationToken);
                }

                if (options.Runs("callback"))
                {
                    results.Callback = await StepAsync("callback", service, options, ct => Callback.RunAsync(context, ct), cancellationToken);
                }

                if (options.Runs("waiting"))
                {
                    results.Waiting = await StepAsync("waiting", service, options, ct => Waiting.RunAsync(context, ct), cancellationToken);
                }

                if (options.Runs("timers"))
                {
                    results.Timers = await StepAsync("timers", service, options, ct => Workloads.Timers.RunAsync(context, ct), cancellationToken);
                }

                if (options.Runs("timer-burst"))
                {
                    results.TimerBurst = await StepAsync("timer-burst", service, options, ct => Workloads.TimerBurst.RunAsync(context, ct), cancellationToken);
                }

                if (options.Runs("fanout"))
                {
                    results.FanOut = await StepAsync("fan-out", service, options, ct => Workloads.FanOut.RunAsync(context, ct), cancellationToken);
                }

                if (options.Runs("http"))
                {
                    await using var endpoint = await SlowEndpoint.StartAsync(HttpCalls.EndpointLatency, cancellationToken);
                    results.Http = await StepAsync("http", service, options, ct => HttpCalls.RunAsync(context, endpoint, ct), cancellationToken);
                }

                service.EnsureRunning();
            }

            results.FloorAfter = await StepAsync("floor, again", service, options, ct => Floor.MeasureAsync(database, options.C, options.FloorDuration, ct), cancellationToken);
            if (options.Runs("telemetry"))
            {
                // Alone on the machine: the shared service is stopped first.
                if (service is not null)
                {
                    await service.DisposeAsync();
                    service = null;
                }

                results.Telemetry = await StepAsync("telemetry", null, options, ct => TelemetryCost.RunAsync(repoRoot, runDirectory.FullName, options, ct), cancellationToken);
            }

            results.Ok = true;
        }
        catch (BenchFailure e)
        {
            results.Error = e.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            results.Error = "Interrupted.";
        }
        finally
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }

            if (database is not null)
            {
                await database.DisposeAsync();
            }

            TryDelete(runDirectory);
        }

        results.TotalSeconds = total.Elapsed.TotalSeconds;
        results.Comparisons = Report.Compare(results);
        Console.WriteLine();
        Console.Write(Report.Table(results));
        await Report.WriteJsonAsync(results, options.Out, CancellationToken.None);
        Console.WriteLine($"results: {Path.GetFullPath(options.Out)}");
        if (!results.Ok)
        {
            await Console.Error.WriteLineAsync($"FAILED: {results.Error}");
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// Builds and starts bench/WfaaS.ServiceFloor on the floor's database, drives it, stops it and
    /// drops its table: before WfaaS starts, so the two never share the machine.
    /// </summary>
    private static async Task<ServiceFloorResult> ServiceFloorAsync(
        string repoRoot, BenchDatabase database, string runDirectory, Options options, CancellationToken cancellationToken)
    {
        if (!options.NoBuild)
        {
            Log("building bench/WfaaS.ServiceFloor in Release");
            await ServiceProcess.BuildAsync(repoRoot, Path.Combine("bench", "WfaaS.ServiceFloor", "WfaaS.ServiceFloor.csproj"), cancellationToken);
        }

        var floorService = await ServiceProcess.StartAsync(ServiceProcess.ServiceFloorDll(repoRoot), database.ServiceFloorEnvironment, runDirectory, cancellationToken);
        try
        {
            using var client = new WfaasClient(floorService.BaseUrl, options.C);
            return await StepAsync("service floor", floorService, options, ct => ServiceFloor.RunAsync(client, options, ct), cancellationToken);
        }
        finally
        {
            await floorService.DisposeAsync();
            await database.DropServiceFloorTableAsync(CancellationToken.None);
        }
    }

    /// <summary>Runs one measurement under the per-workload bound; whatever goes wrong becomes a <see cref="BenchFailure"/> naming it.</summary>
    private static async Task<T> StepAsync<T>(
        string name, ServiceProcess? service, Options options, Func<CancellationToken, Task<T>> measure, CancellationToken cancellationToken)
    {
        Log($"{name}: running");
        var clock = Stopwatch.StartNew();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.WorkloadTimeout);
        try
        {
            var result = await measure(bounded.Token);
            Log($"{name}: done in {clock.Elapsed.TotalSeconds:0.0} s");
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BenchFailure e) when (service is not null && e.Message.Contains(" answered 5", StringComparison.Ordinal))
        {
            // A 5xx is the service's own failure: its log says why.
            throw new BenchFailure($"{name}: {e.Message}{service.LastOutput()}", e);
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested)
        {
            service?.EnsureRunning();
            throw new BenchFailure($"{name} did not finish within {options.WorkloadTimeout.TotalSeconds} s (--timeout).{service?.LastOutput()}");
        }
        catch (OperationCanceledException e)
        {
            service?.EnsureRunning();
            throw new BenchFailure($"{name}: a request got no answer in time ({e.Message}).{service?.LastOutput()}", e);
        }
        catch (HttpRequestException e)
        {
            service?.EnsureRunning();
            throw new BenchFailure($"{name}: {e.Message}{service?.LastOutput()}", e);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or JsonException or FormatException)
        {
            throw new BenchFailure($"{name}: the service answered something unexpected: {e.Message}", e);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException)
        {
            throw new BenchFailure($"{name}: {e.GetType().Name}: {e.Message}", e);
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

        throw new BenchFailure("WfaaS.sln not found above the bench's build output or the current directory.");
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
