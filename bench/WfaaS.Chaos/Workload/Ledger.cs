using System.Collections.Concurrent;

namespace WfaaS.Chaos.Workload;

/// <summary>One start the harness made, with its Idempotency-Key and every answer it got.</summary>
internal sealed class StartRecord(string key, string workflow, string inputJson)
{
    public string Key => key;

    public string Workflow => workflow;

    public string InputJson => inputJson;

    /// <summary>The execution id of the first 200/201 answer.</summary>
    public string? Id { get; set; }

    /// <summary>Requests sent (the first and every resend).</summary>
    public int Requests { get; set; }

    /// <summary>Answers that were 200 (the same key again: the existing execution).</summary>
    public int ExistingAnswers { get; set; }

    /// <summary>Ids of 200/201 answers that differ from <see cref="Id"/>: one key, two executions.</summary>
    public List<string> OtherIds { get; } = [];

    /// <summary>An answer that was neither 200 nor 201.</summary>
    public string? Refused { get; set; }
}

/// <summary>One answer to a callback or a decision: its status and the <c>duplicate</c> flag of a 200.</summary>
internal sealed record TokenAnswer(int Status, bool? Duplicate, string? Problem);

/// <summary>
/// One callback or approval token the harness acted on: whose task it was, the body sent (always
/// the same one for a token), how many times it was sent, and every answer.
/// </summary>
internal sealed class TokenRecord(string kind, string executionId, string task, string outcome)
{
    /// <summary><c>callback</c> or <c>approval</c>.</summary>
    public string Kind => kind;

    public string ExecutionId => executionId;

    public string Task => task;

    /// <summary><c>success</c> / <c>failure</c> for a callback, <c>approve</c> for an approval.</summary>
    public string Outcome => outcome;

    public int Sent { get; set; }

    public List<TokenAnswer> Answers { get; } = [];

    /// <summary>A 200 answer: the service has the decision (accepted now, or before: a duplicate).</summary>
    public bool Answered => Answers.Any(a => a.Status == 200);
}

/// <summary>Everything the workload did, for the checks: starts by key, tokens by URL path.</summary>
internal sealed class Ledger
{
    private readonly ConcurrentDictionary<string, StartRecord> _starts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenRecord> _tokens = new(StringComparer.Ordinal);

    public IReadOnlyCollection<StartRecord> Starts => [.. _starts.Values];

    public IReadOnlyCollection<TokenRecord> Tokens => [.. _tokens.Values];

    public StartRecord AddStart(string key, string workflow, string inputJson) =>
        _starts.GetOrAdd(key, _ => new StartRecord(key, workflow, inputJson));

    /// <summary>The token's record, made on first sight with the outcome it will always be answered with.</summary>
    public TokenRecord Token(string path, Func<TokenRecord> create) => _tokens.GetOrAdd(path, _ => create());

    public bool IsAnswered(string path) => _tokens.TryGetValue(path, out var token) && Locked(token, t => t.Answered);

    /// <summary>How many tokens of this kind the harness has seen for the execution.</summary>
    public int TokensOf(string executionId, string kind) =>
        _tokens.Values.Count(t => t.ExecutionId == executionId && t.Kind == kind);

    public static T Locked<T>(TokenRecord token, Func<TokenRecord, T> read)
    {
        lock (token)
        {
            return read(token);
        }
    }
}
