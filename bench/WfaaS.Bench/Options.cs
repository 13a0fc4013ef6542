using System.Globalization;

namespace WfaaS.Bench;

/// <summary>The command line: workload sizes, which workloads, which database, where the JSON goes.</summary>
internal sealed record Options
{
    public static readonly string[] AllWorkloads = ["linear10", "callback", "waiting", "timers", "timer-burst", "fanout", "http", "service-floor", "telemetry"];

    /// <summary>linear10 executions.</summary>
    public int N { get; init; } = 2000;

    /// <summary>Concurrent clients (and concurrent floor connections).</summary>
    public int C { get; init; } = 8;

    /// <summary>callback executions.</summary>
    public int M { get; init; } = 2000;

    /// <summary>waiting executions.</summary>
    public int K { get; init; } = 100_000;

    /// <summary>timer executions.</summary>
    public int Timers { get; init; } = 1000;

    /// <summary>timer-burst executions, due within one second.</summary>
    public int Burst { get; init; } = 10_000;

    /// <summary>Elements of the fan-out workloads (SPEC §9).</summary>
    public int Elements { get; init; } = 10_000;

    /// <summary>Executions of the http workload (one <c>http</c> task to an endpoint answering after 500 ms).</summary>
    public int HttpCalls { get; init; } = 1000;

    /// <summary>Rounds of the telemetry workload: each runs one leg with telemetry off and one with it on.</summary>
    public int TelemetryRounds { get; init; } = 3;

    public IReadOnlyList<string> Only { get; init; } = AllWorkloads;

    /// <summary>A PostgreSQL connection string to a server whose user may create databases; null runs on SQLite.</summary>
    public string? Pg { get; init; }

    public string Out { get; init; } = "bench-results.json";

    public bool Quick { get; init; }

    /// <summary>Skip <c>dotnet build -c Release src/Api</c> and run the dll already there.</summary>
    public bool NoBuild { get; init; }

    /// <summary>How long the service is driven, untimed, before the first workload.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest wait, after the warm-up and before the timed callbacks, for the service's JIT to go quiet.</summary>
    public TimeSpan JitQuietBound { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long each floor measurement runs.</summary>
    public TimeSpan FloorDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The bound on each workload; past it the bench stops with exit code 1.</summary>
    public TimeSpan WorkloadTimeout { get; init; } = TimeSpan.FromMinutes(15);

    public bool Help { get; init; }

    public bool Runs(string workload) => Only.Contains(workload, StringComparer.Ordinal);

    public const string Usage = """
        WfaaS.Bench: measures the service against the database's commit floor, in one run.

        dotnet run -c Release --project bench/WfaaS.Bench -- [options]

          --only W[,W]      workloads to run: linear10, callback, waiting, timers, timer-burst,
                            fanout, http, service-floor, telemetry (repeatable; default all)
          --n N             linear10 executions                       (default 2000; --quick 50)
          --c C             concurrent clients and floor connections  (default 8;    --quick 4)
          --m M             callback executions                       (default 2000; --quick 10)
          --k K             waiting executions                        (default 100000; --quick 200)
          --timers T        wait PT2S executions                      (default 1000; --quick 20)
          --burst B         wait-until executions due within one second (default 10000; --quick 100)
          --elements E      elements of the fan-out workloads          (default 10000; --quick 200)
          --http H          executions of one http task to a 500 ms endpoint (default 1000; --quick 20)
          --rounds R        telemetry: R legs off and R on, alternating (default 3; --quick 2)
          --pg "CS"         run on PostgreSQL: CS reaches a loopback server whose user may create
                            databases; a fresh wfaas_bench_<random> is created and dropped
          --out FILE        JSON results (default bench-results.json in the current directory)
          --quick           tiny sizes for CI; checks only that every execution ends as expected
          --warmup S        seconds of untimed load before the first workload (default 15; --quick 1)
          --jit-quiet S     longest wait for the service's JIT to go quiet, after the warm-up
                            and before the timed callbacks       (default 30; --quick 2)
          --floor-seconds S how long each floor measurement runs      (default 3; --quick 1)
          --timeout S       bound on each workload in seconds         (default 900; --quick 60)
          --no-build        run src/Api/bin/Release/net10.0/WfaaS.Api.dll as it is
          --help            this text
        """;

    /// <summary>Parses <paramref name="args"/>; <c>--quick</c> sets the small defaults, explicit sizes win over it.</summary>
    public static Options Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick", StringComparer.Ordinal);
        var options = quick
            ? new Options
            {
                Quick = true,
                N = 50,
                C = 4,
                M = 10,
                K = 200,
                Timers = 20,
                Burst = 100,
                Elements = 200,
                HttpCalls = 20,
                TelemetryRounds = 2,
                FloorDuration = TimeSpan.FromSeconds(1),
                Warmup = TimeSpan.FromSeconds(1),
                JitQuietBound = TimeSpan.FromSeconds(2),
                WorkloadTimeout = TimeSpan.FromSeconds(60),
            }
            : new Options();
        var only = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => ++i < args.Count ? args[i] : throw new BenchFailure($"{arg} needs a value.");
            options = arg switch
            {
                "--quick" => options,
                "--no-build" => options with { NoBuild = true },
                "--help" or "-h" => options with { Help = true },
                "--n" => options with { N = Positive(arg, Value()) },
                "--c" => options with { C = Positive(arg, Value()) },
                "--m" => options with { M = Positive(arg, Value()) },
                "--k" => options with { K = Positive(arg, Value()) },
                "--timers" => options with { Timers = Positive(arg, Value()) },
                "--burst" => options with { Burst = Positive(arg, Value()) },
                "--elements" => options with { Elements = Positive(arg, Value()) },
                "--http" => options with { HttpCalls = Positive(arg, Value()) },
                "--rounds" => options with { TelemetryRounds = Positive(arg, Value()) },
                "--pg" => options with { Pg = Value() },
                "--out" => options with { Out = Value() },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Positive(arg, Value())) },
                "--jit-quiet" => options with { JitQuietBound = TimeSpan.FromSeconds(Positive(arg, Value())) },
                "--floor-seconds" => options with { FloorDuration = TimeSpan.FromSeconds(Positive(arg, Value())) },
                "--timeout" => options with { WorkloadTimeout = TimeSpan.FromSeconds(Positive(arg, Value())) },
                "--only" => AddOnly(options, only, Value()),
                _ => throw new BenchFailure($"Unknown option '{arg}'. Try --help."),
            };
        }

        return only.Count == 0 ? options : options with { Only = [.. AllWorkloads.Where(only.Contains)] };
    }

    private static Options AddOnly(Options options, List<string> only, string value)
    {
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!AllWorkloads.Contains(name, StringComparer.Ordinal))
            {
                throw new BenchFailure($"Unknown workload '{name}': expected one of {string.Join(", ", AllWorkloads)}.");
            }

            only.Add(name);
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new BenchFailure($"{name} needs a positive integer, not '{value}'.");
}
