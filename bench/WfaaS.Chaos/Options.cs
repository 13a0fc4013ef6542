using System.Globalization;
using System.Security.Cryptography;

namespace WfaaS.Chaos;

/// <summary>The command line.</summary>
internal sealed record Options
{
    /// <summary>How many times the service is killed during the load.</summary>
    public int Kills { get; init; } = 100;

    /// <summary>Concurrent client loops starting executions.</summary>
    public int Clients { get; init; } = 4;

    /// <summary>The pause of each starting loop between two starts, drawn from this range.</summary>
    public (int Min, int Max) PauseMilliseconds { get; init; } = (100, 600);

    /// <summary>How long the service runs between being ready and its next kill, drawn from this range.</summary>
    public (double Min, double Max) UptimeSeconds { get; init; } = (0.5, 6);

    /// <summary>How long the http target takes to answer each request.</summary>
    public TimeSpan HttpLatency { get; init; } = TimeSpan.Zero;

    /// <summary>The bound on the drain after the last restart.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>A PostgreSQL connection string to a server whose user may create databases; null runs on SQLite.</summary>
    public string? Pg { get; init; }

    public int Seed { get; init; } = RandomNumberGenerator.GetInt32(1, int.MaxValue);

    public string Out { get; init; } = "chaos-results.json";

    public bool Quick { get; init; }

    public bool NoBuild { get; init; }

    /// <summary>Keep the run directory (service log, SQLite file) and the PostgreSQL database even when the run passes.</summary>
    public bool Keep { get; init; }

    public bool Help { get; init; }

    public const string Usage = """
        WfaaS.Chaos: kills the service at random moments under a mixed workload, then checks every execution.

        dotnet run -c Release --project bench/WfaaS.Chaos -- [options]

          --kills N       kills during the load (default 100; --quick 10); 1 in 5 is a SIGTERM first
          --clients N     concurrent loops starting executions   (default 4; --quick 3)
          --http-latency MS
                          each answer of the http target takes MS milliseconds (default 0): a
                          slow external system keeps the service's Hangfire workers busy
          --drain S       bound in seconds on the wait for every execution to finish
                          after the last restart                  (default 180)
          --pg "CS"       run on PostgreSQL: CS reaches a loopback server whose user may create
                          databases; a fresh wfaas_chaos_<random> is created and dropped
          --seed N        seed of every random choice (default: random; always printed)
          --out FILE      JSON figures (default chaos-results.json in the current directory)
          --quick         10 kills, short uptimes: what CI runs
          --keep          keep the run directory and the PostgreSQL database even when the run passes
          --no-build      run src/Api/bin/Release/net10.0/WfaaS.Api.dll as it is
          --help          this text

        Exit code: 0 when every execution finished in its expected state with no anomaly; 1 on an
        anomaly or an unfinished execution; 2 when the harness itself could not run.
        """;

    /// <summary>Parses <paramref name="args"/>; <c>--quick</c> sets the small defaults, explicit values win over it.</summary>
    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick", StringComparer.Ordinal)
            ? new Options { Quick = true, Kills = 10, Clients = 3, UptimeSeconds = (0.5, 4) }
            : new Options();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => ++i < args.Count ? args[i] : throw new ChaosFailure($"{arg} needs a value.");
            options = arg switch
            {
                "--quick" => options,
                "--no-build" => options with { NoBuild = true },
                "--keep" => options with { Keep = true },
                "--help" or "-h" => options with { Help = true },
                "--kills" => options with { Kills = Positive(arg, Value()) },
                "--clients" => options with { Clients = Positive(arg, Value()) },
                "--http-latency" => options with { HttpLatency = TimeSpan.FromMilliseconds(Positive(arg, Value())) },
                "--drain" => options with { Drain = TimeSpan.FromSeconds(Positive(arg, Value())) },
                "--pg" => options with { Pg = Value() },
                "--seed" => options with { Seed = Positive(arg, Value()) },
                "--out" => options with { Out = Value() },
                _ => throw new ChaosFailure($"Unknown option '{arg}'. Try --help."),
            };
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ChaosFailure($"{name} needs a positive integer, not '{value}'.");
}
