namespace WfaaS.Chaos;

/// <summary>One kill: when (seconds into the kill phase), how, and how long that life had been up.</summary>
internal sealed record KillRecord(int Number, double At, string Signal, bool HungAfterSigterm, double UptimeSeconds);

/// <summary>An execution still not final when the drain's bound ran out.</summary>
internal sealed record UnfinishedRecord(string Id, string Workflow, string State, string Diagnosis, string Tasks, IReadOnlyList<string> LastHistory);

/// <summary>Everything a run found, as written to <c>--out</c>.</summary>
internal sealed class Results
{
    public string? StartedAt { get; set; }

    public string? CommandLine { get; set; }

    public string? Commit { get; set; }

    public int Seed { get; set; }

    public string? Database { get; set; }

    public bool Quick { get; set; }

    public int KillsPlanned { get; set; }

    public int Clients { get; set; }

    public double HttpLatencyMilliseconds { get; set; }

    public List<KillRecord> Kills { get; } = [];

    public int Sigkills => Kills.Count(k => k.Signal == "SIGKILL");

    public int Sigterms => Kills.Count(k => k.Signal == "SIGTERM");

    public int HungAfterSigterm => Kills.Count(k => k.HungAfterSigterm);

    /// <summary>Lives that ended without the harness killing them.</summary>
    public List<string> ServiceExits { get; } = [];

    public int Restarts { get; set; }

    public List<double> RestartSeconds { get; } = [];

    public double KillPhaseSeconds { get; set; }

    public long StartsRequested { get; set; }

    public long StartsAnswered { get; set; }

    public long StartsResent { get; set; }

    public int ExecutionsListed { get; set; }

    public int Children { get; set; }

    public SortedDictionary<string, int> Finished { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> ByWorkflow { get; } = new(StringComparer.Ordinal);

    public List<UnfinishedRecord> Unfinished { get; } = [];

    /// <summary>Seconds from the last restart until no execution was RUNNING, REVERTING or PAUSED; null when the bound ran out.</summary>
    public double? SecondsToFinish { get; set; }

    public double DrainBoundSeconds { get; set; }

    public int CallbackTokens { get; set; }

    public int CallbackRequests { get; set; }

    public int ApprovalTokens { get; set; }

    public int ApprovalRequests { get; set; }

    public int DuplicateAnswers { get; set; }

    public int TargetRequests { get; set; }

    public double? TimerLatenessMaxSeconds { get; set; }

    public double? TimerLatenessP99Seconds { get; set; }

    public long UnansweredRequests { get; set; }

    public SortedDictionary<int, int> ServerErrors { get; } = [];

    public List<string> ServerErrorSamples { get; } = [];

    public List<Check.Anomaly> Anomalies { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Why the run could not be completed, when it could not (the harness's own failure).</summary>
    public string? Error { get; set; }

    public string? ServiceLog { get; set; }

    public double TotalSeconds { get; set; }

    /// <summary>SPEC §7: no request, however it is sent, yields a 5xx — a kill included, once the service is back.</summary>
    public bool Passed => Error is null && Anomalies.Count == 0 && Unfinished.Count == 0 && ServerErrors.Count == 0 && SecondsToFinish is not null;
}
