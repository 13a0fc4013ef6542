using WfaaS.Chaos.Check;
using WfaaS.Chaos.Target;
using WfaaS.Chaos.Workload;

namespace WfaaS.Chaos.Tests;

public sealed class CheckerTests
{
    private const string Id = "0197a000-0000-7000-8000-000000000001";
    private const string ChildId = "0197a000-0000-7000-8000-000000000002";
    private const string OtherChildId = "0197a000-0000-7000-8000-000000000003";

    private readonly Ledger _ledger = new();
    private readonly Dictionary<string, List<TargetRequest>> _target = new(StringComparer.Ordinal);

    [Fact]
    public void Check_HttpRetriedTwiceThenSucceeded_NoAnomaly()
    {
        var observation = HttpRetry(secondRetryAtMs: 2200).Observe("SUCCESS", Input("k1"), null, Tasks(("call", "http", 3), ("after", "noop", 1)));
        Started("k1", "chaos-http-retry");
        Target("call", 1, 409);
        Target("call", 2, 409);
        Target("call", 3, 409, 200);

        Assert.Empty(Check(observation));
    }

    [Fact]
    public void Check_RetryStartedBeforeItsDelay_RetryEarly()
    {
        var observation = HttpRetry(secondRetryAtMs: 1500).Observe("SUCCESS", Input("k1"), null, Tasks(("call", "http", 3), ("after", "noop", 1)));
        Started("k1", "chaos-http-retry");
        Target("call", 1, 409);
        Target("call", 2, 409);
        Target("call", 3, 200);

        Assert.Equal(["retry-early"], Kinds(Check(observation)));
    }

    [Fact]
    public void Check_HttpCompletedWithoutTheTargetAnswering_Flagged()
    {
        var observation = HttpRetry(secondRetryAtMs: 2200).Observe("SUCCESS", Input("k1"), null, Tasks(("call", "http", 3), ("after", "noop", 1)));
        Started("k1", "chaos-http-retry");
        Target("call", 1, 409);
        Target("call", 2, 409);

        Assert.Equal(["http-result-without-request"], Kinds(Check(observation)));
    }

    [Fact]
    public void Check_RevertWithHttpActionInReverseOrder_NoAnomaly()
    {
        var observation = RevertAction(bFirst: true).Observe("REVERTED", Input("k2"), null, Tasks(("a", "noop", 1), ("b", "echo", 1), ("c", "fail", 1), "REVERTED"));
        Started("k2", "chaos-revert-action");
        _target[$"{Id}:a:1"] = [new TargetRequest("DELETE", "/undo", 200)];

        Assert.Empty(Check(observation));
    }

    [Fact]
    public void Check_EarlierTaskRevertedFirst_RevertOrder()
    {
        var observation = RevertAction(bFirst: false).Observe("REVERTED", Input("k2"), null, Tasks(("a", "noop", 1), ("b", "echo", 1), ("c", "fail", 1), "REVERTED"));
        Started("k2", "chaos-revert-action");
        _target[$"{Id}:a:1"] = [new TargetRequest("DELETE", "/undo", 200)];

        Assert.Contains("revert-order", Kinds(Check(observation)));
    }

    [Fact]
    public void Check_TimerFiredOnceAfterItsDuration_NoAnomaly()
    {
        var observation = Wait(firedAtMs: 2003).Observe("SUCCESS", Input("k3", """, "d": "PT2S" """), null, Tasks(("nap", "wait", 1), ("after", "noop", 1)));
        Started("k3", "chaos-wait");

        Assert.Empty(Check(observation));
    }

    [Fact]
    public void Check_TimerFiredBeforeItsDuration_TimerEarly()
    {
        var observation = Wait(firedAtMs: 1500).Observe("SUCCESS", Input("k3", """, "d": "PT2S" """), null, Tasks(("nap", "wait", 1), ("after", "noop", 1)));
        Started("k3", "chaos-wait");

        Assert.Equal(["timer-early"], Kinds(Check(observation)));
    }

    [Fact]
    public void Check_TimerFiredTwice_TransitionTwiceBrokenChainAndTimerTwice()
    {
        var wait = Wait(firedAtMs: 2003);
        var observation = wait.Observe("SUCCESS", Input("k3", """, "d": "PT2S" """), wait.WithRepeated(3), Tasks(("nap", "wait", 1), ("after", "noop", 1)));
        Started("k3", "chaos-wait");

        var kinds = Kinds(Check(observation));

        Assert.Contains("transition-twice", kinds);
        Assert.Contains("broken-chain", kinds);
        Assert.Contains("timer-fired-twice", kinds);
    }

    [Fact]
    public void Check_SeqGap_SeqGap()
    {
        var wait = Wait(firedAtMs: 2003);
        var history = wait.Items.Select(h => h.Seq >= 3 ? h with { Seq = h.Seq + 1 } : h).ToList();
        var observation = wait.Observe("SUCCESS", Input("k3", """, "d": "PT2S" """), history, Tasks(("nap", "wait", 1), ("after", "noop", 1)));
        Started("k3", "chaos-wait");

        Assert.Equal(["seq-gap"], Kinds(Check(observation)));
    }

    [Fact]
    public void Check_DelegateFailedThenSucceededWithAResentCallback_NoAnomaly()
    {
        var observation = DelegateRetry().Observe("SUCCESS", Input("k4"), null, Tasks(("job", "delegate", 2), ("after", "noop", 1)));
        Started("k4", "chaos-delegate-retry");
        Token("/api/v1/callbacks/t1", "job", "failure", new TokenAnswer(200, false, null));
        // The service committed the success, then died before answering: the resend is a duplicate.
        Token("/api/v1/callbacks/t2", "job", "success", new TokenAnswer(200, true, null));

        Assert.Empty(Check(observation));
    }

    [Fact]
    public void Check_CallbackAcceptedTwice_Flagged()
    {
        var observation = DelegateRetry().Observe("SUCCESS", Input("k4"), null, Tasks(("job", "delegate", 2), ("after", "noop", 1)));
        Started("k4", "chaos-delegate-retry");
        Token("/api/v1/callbacks/t1", "job", "failure", new TokenAnswer(200, false, null));
        Token("/api/v1/callbacks/t2", "job", "success", new TokenAnswer(200, false, null), new TokenAnswer(200, false, null));

        Assert.Equal(["token-accepted-twice"], Kinds(Check(observation)));
    }

    [Fact]
    public void Check_CallbackAnsweredButNotInHistory_Flagged()
    {
        var observation = DelegateRetry().Observe("SUCCESS", Input("k4"), null, Tasks(("job", "delegate", 2), ("after", "noop", 1)));
        Started("k4", "chaos-delegate-retry");
        Token("/api/v1/callbacks/t1", "job", "failure", new TokenAnswer(200, false, null));
        Token("/api/v1/callbacks/t2", "job", "success", new TokenAnswer(200, false, null));
        Token("/api/v1/callbacks/t3", "job", "success", new TokenAnswer(200, false, null));

        Assert.Equal(["token-ledger-mismatch"], Kinds(Check(observation)));
    }

    [Fact]
    public void Check_SecondExecutionForOneIdempotencyKey_UnexpectedExecution()
    {
        var first = Wait(firedAtMs: 2003).Observe("SUCCESS", Input("k3", """, "d": "PT2S" """), null, Tasks(("nap", "wait", 1), ("after", "noop", 1)));
        var second = new HistoryBuilder(OtherChildId, "chaos-wait");
        foreach (var h in first.History)
        {
            second.Add(h.Subject, h.Name, h.From, h.To, h.Attempt, h.Cause, (h.At - first.History[0].At).TotalMilliseconds);
        }

        Started("k3", "chaos-wait");

        var anomalies = Check(first, second.Observe("SUCCESS", Input("k3", """, "d": "PT2S" """), null, first.Tasks.ToArray()));

        Assert.Equal(["unexpected-execution"], Kinds(anomalies));
        Assert.Equal(OtherChildId, anomalies[0].ExecutionId);
    }

    [Fact]
    public void Check_OneChildPerParentAttempt_NoAnomaly_TwoChildren_ChildTwice()
    {
        var parent = Parent().Observe("SUCCESS", Input("k5"), null, Tasks(("spawn", "workflow", 1), ("after", "echo", 1)));
        var child = Child(ChildId).Observe("SUCCESS", $$"""{"parent": "{{Id}}", "attempt": 1}""", null, Tasks(("work", "echo", 1), ("nap", "wait", 1)));
        var twin = Child(OtherChildId).Observe("SUCCESS", $$"""{"parent": "{{Id}}", "attempt": 1}""", null, Tasks(("work", "echo", 1), ("nap", "wait", 1)));
        Started("k5", "chaos-parent");

        Assert.Empty(Check(parent, child));
        Assert.Equal(["child-twice"], Kinds(Check(parent, child, twin)));
    }

    [Fact]
    public void Check_WrongFinalState_Flagged()
    {
        var observation = RevertAction(bFirst: true).Observe("REVERTED", Input("k2"), null, Tasks(("a", "noop", 1), ("b", "echo", 1), ("c", "fail", 1), "REVERTED"));
        var wrong = new Observation(observation.Execution with { Workflow = "chaos-linear" }, observation.History, observation.Tasks);
        Started("k2", "chaos-linear");

        Assert.Contains("wrong-final-state", Kinds(Check(wrong)));
    }

    private List<Anomaly> Check(params Observation[] observations)
    {
        var checker = new Checker(_ledger, key => _target.TryGetValue(key, out var requests) ? requests : []);
        checker.Check(observations, settled: true);
        return [.. checker.Anomalies];
    }

    private static List<string> Kinds(IEnumerable<Anomaly> anomalies) => [.. anomalies.Select(a => a.Kind).Distinct()];

    private void Started(string key, string workflow)
    {
        var start = _ledger.AddStart(key, workflow, Input(key));
        start.Id = Id;
        start.Requests = 1;
    }

    private void Target(string task, int attempt, params int[] statuses) =>
        _target[$"{Id}:{task}:{attempt}"] = [.. statuses.Select(s => new TargetRequest("POST", "/flaky", s))];

    private void Token(string path, string task, string outcome, params TokenAnswer[] answers)
    {
        var token = _ledger.Token(path, () => new TokenRecord("callback", Id, task, outcome));
        token.Sent = answers.Length;
        token.Answers.AddRange(answers);
    }

    private static string Input(string key, string more = "") => $$"""{"chaos_key": "{{key}}"{{more}}}""";

    private static TaskItem[] Tasks((string Name, string Action, int Attempt) first, (string Name, string Action, int Attempt) second) =>
        Tasks([first, second], "SUCCESS");

    private static TaskItem[] Tasks((string Name, string Action, int Attempt) a, (string Name, string Action, int Attempt) b, (string Name, string Action, int Attempt) c, string state) =>
        Tasks([a, b, c], state);

    private static TaskItem[] Tasks(IEnumerable<(string Name, string Action, int Attempt)> tasks, string state) =>
        [.. tasks.Select(t => new TaskItem(t.Name, t.Action, state, t.Attempt, null, null))];

    private static HistoryBuilder HttpRetry(double secondRetryAtMs) => new HistoryBuilder(Id, "chaos-http-retry")
        .Execution(null, "RUNNING", "start")
        .Task("call", "PENDING", "RUNNING", 1, "ready")
        .Task("call", "RUNNING", "RETRYING", 1, "action failed", 100)
        .Task("call", "RETRYING", "RUNNING", 2, "retry", 1101)
        .Task("call", "RUNNING", "RETRYING", 2, "action failed", 1150)
        .Task("call", "RETRYING", "RUNNING", 3, "retry", secondRetryAtMs)
        .Task("call", "RUNNING", "SUCCESS", 3, "action completed", secondRetryAtMs + 30)
        .Task("after", "PENDING", "RUNNING", 1, "ready", secondRetryAtMs + 30)
        .Task("after", "RUNNING", "SUCCESS", 1, "action completed", secondRetryAtMs + 30)
        .Execution("RUNNING", "SUCCESS", "all tasks succeeded", secondRetryAtMs + 30);

    /// <summary>a, b, c (fails); b is reverted before a unless <paramref name="bFirst"/> is false.</summary>
    private static HistoryBuilder RevertAction(bool bFirst)
    {
        var history = new HistoryBuilder(Id, "chaos-revert-action")
            .Execution(null, "RUNNING", "start")
            .Task("a", "PENDING", "RUNNING", 1, "ready")
            .Task("a", "RUNNING", "SUCCESS", 1, "action completed")
            .Task("b", "PENDING", "RUNNING", 1, "ready")
            .Task("b", "RUNNING", "SUCCESS", 1, "action completed")
            .Task("c", "PENDING", "RUNNING", 1, "ready")
            .Task("c", "RUNNING", "FAILURE", 1, "action failed")
            .Execution("RUNNING", "REVERTING", "task c failed")
            .Task("c", "FAILURE", "REVERTED", 1, "no revert action");
        if (bFirst)
        {
            history.Task("b", "SUCCESS", "REVERTING", 1, "reverting").Task("b", "REVERTING", "REVERTED", 1, "revert completed")
                .Task("a", "SUCCESS", "REVERTING", 1, "reverting", 10).Task("a", "REVERTING", "REVERTED", 1, "revert completed", 40);
        }
        else
        {
            history.Task("a", "SUCCESS", "REVERTING", 1, "reverting").Task("a", "REVERTING", "REVERTED", 1, "revert completed", 40)
                .Task("b", "SUCCESS", "REVERTING", 1, "reverting", 40).Task("b", "REVERTING", "REVERTED", 1, "revert completed", 40);
        }

        return history.Execution("REVERTING", "REVERTED", "every started task reverted", 40);
    }

    private static HistoryBuilder Wait(double firedAtMs) => new HistoryBuilder(Id, "chaos-wait")
        .Execution(null, "RUNNING", "start")
        .Task("nap", "PENDING", "RUNNING", 1, "ready")
        .Task("nap", "RUNNING", "WAITING", 1, "timer scheduled")
        .Task("nap", "WAITING", "SUCCESS", 1, "timer fired", firedAtMs)
        .Task("after", "PENDING", "RUNNING", 1, "ready", firedAtMs)
        .Task("after", "RUNNING", "SUCCESS", 1, "action completed", firedAtMs)
        .Execution("RUNNING", "SUCCESS", "all tasks succeeded", firedAtMs);

    private static HistoryBuilder DelegateRetry() => new HistoryBuilder(Id, "chaos-delegate-retry")
        .Execution(null, "RUNNING", "start")
        .Task("job", "PENDING", "RUNNING", 1, "ready")
        .Task("job", "RUNNING", "WAITING", 1, "waiting for callback")
        .Task("job", "WAITING", "RETRYING", 1, "callback: failure", 500)
        .Task("job", "RETRYING", "RUNNING", 2, "retry", 1501)
        .Task("job", "RUNNING", "WAITING", 2, "waiting for callback", 1501)
        .Task("job", "WAITING", "SUCCESS", 2, "callback: success", 1900)
        .Task("after", "PENDING", "RUNNING", 1, "ready", 1900)
        .Task("after", "RUNNING", "SUCCESS", 1, "action completed", 1900)
        .Execution("RUNNING", "SUCCESS", "all tasks succeeded", 1900);

    private static HistoryBuilder Parent() => new HistoryBuilder(Id, "chaos-parent")
        .Execution(null, "RUNNING", "start")
        .Task("spawn", "PENDING", "RUNNING", 1, "ready")
        .Task("spawn", "RUNNING", "WAITING", 1, "waiting for child execution")
        .Task("spawn", "WAITING", "SUCCESS", 1, "child execution succeeded", 1100)
        .Task("after", "PENDING", "RUNNING", 1, "ready", 1100)
        .Task("after", "RUNNING", "SUCCESS", 1, "action completed", 1100)
        .Execution("RUNNING", "SUCCESS", "all tasks succeeded", 1100);

    private static HistoryBuilder Child(string id) => new HistoryBuilder(id, Catalog.ChildName)
        .Execution(null, "RUNNING", "start")
        .Task("work", "PENDING", "RUNNING", 1, "ready")
        .Task("work", "RUNNING", "SUCCESS", 1, "action completed")
        .Task("nap", "PENDING", "RUNNING", 1, "ready")
        .Task("nap", "RUNNING", "WAITING", 1, "timer scheduled")
        .Task("nap", "WAITING", "SUCCESS", 1, "timer fired", 1000)
        .Execution("RUNNING", "SUCCESS", "all tasks succeeded", 1000);
}
