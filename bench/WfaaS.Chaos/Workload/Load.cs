using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using WfaaS.Chaos.Client;

namespace WfaaS.Chaos.Workload;

/// <summary>
/// The client loops: several that start executions (each with its own random source drawn from the
/// seed, and an Idempotency-Key so a resent start never makes a second execution), one that answers
/// delegate callbacks from <c>GET /executions/{id}</c> → <c>waiting[].callback_url</c>, and one that
/// approves from <c>GET /approvals?state=pending</c>. Every request the service does not answer is
/// sent again until it does, within a bound.
/// </summary>
internal sealed class Load(ChaosClient client, Ledger ledger, int seed)
{
    /// <summary>A start is resent for this long at most (the service comes back within seconds).</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(150);

    /// <summary>A callback or decision is resent for this long per round; the next round takes it up again.</summary>
    private static readonly TimeSpan TokenBound = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan ResponderPause = TimeSpan.FromMilliseconds(250);

    /// <summary>Executions that wait on the harness's callbacks, until seen finished.</summary>
    private readonly ConcurrentDictionary<string, FlowSpec> _awaitingCallbacks = new(StringComparer.Ordinal);

    private long _started;

    public long Started => Interlocked.Read(ref _started);

    /// <summary>One starting loop: pick a workflow, start it, pause; until <paramref name="load"/> is cancelled.</summary>
    public async Task StartLoopAsync(int index, (int Min, int Max) pauseMilliseconds, CancellationToken load, CancellationToken run)
    {
        var rng = new Random(unchecked(seed + (7919 * (index + 1))));
        for (var n = 0; !load.IsCancellationRequested; n++)
        {
            var spec = Catalog.Pick(rng);
            var key = string.Create(CultureInfo.InvariantCulture, $"chaos-{seed}-{index}-{n}");
            var input = spec.Input(rng).Add("chaos_key", key);
            var inputJson = JsonSerializer.Serialize(input);
            await StartAsync(ledger.AddStart(key, spec.Name, inputJson), spec, run);
            try
            {
                await Task.Delay(rng.Next(pauseMilliseconds.Min, pauseMilliseconds.Max), load);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Answers callbacks until <paramref name="stop"/> is cancelled.</summary>
    public async Task CallbackLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Parallel.ForEachAsync(
                    _awaitingCallbacks.ToArray(),
                    new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stop },
                    async (pair, ct) => await AnswerCallbacksAsync(pair.Key, pair.Value, ct));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            await PauseAsync(stop);
        }
    }

    /// <summary>Approves every pending approval until <paramref name="stop"/> is cancelled.</summary>
    public async Task ApprovalLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var list = await client.SendAsync(HttpMethod.Get, "/api/v1/approvals?state=pending", null, null, stop);
                if (list is { Status: 200 })
                {
                    using var document = list.Json();
                    foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
                    {
                        if (item.TryGetProperty("approve_url", out var url) && url.ValueKind == JsonValueKind.String)
                        {
                            await DecideAsync(
                                ChaosClient.PathOf(url.GetString()!), item.GetProperty("execution_id").GetString()!, item.GetProperty("task").GetString()!, stop);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            await PauseAsync(stop);
        }
    }

    private async Task StartAsync(StartRecord record, FlowSpec spec, CancellationToken run)
    {
        var body = $$"""{"workflow": "{{spec.Name}}", "input": {{record.InputJson}}}""";
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Idempotency-Key"] = record.Key };
        var answer = await client.UntilAnsweredAsync(HttpMethod.Post, "/api/v1/executions", body, headers, StartBound, _ => record.Requests++, run);
        switch (answer)
        {
            case null:
                return;
            case { Status: 200 or 201 }:
                using (var document = answer.Json())
                {
                    var id = document.RootElement.GetProperty("id").GetString()!;
                    if (answer.Status == 200)
                    {
                        record.ExistingAnswers++;
                    }

                    if (record.Id is null)
                    {
                        record.Id = id;
                        Interlocked.Increment(ref _started);
                    }
                    else if (record.Id != id)
                    {
                        record.OtherIds.Add(id);
                    }
                }

                if (spec.Responder == Responder.Callback)
                {
                    _awaitingCallbacks[record.Id] = spec;
                }

                return;
            default:
                record.Refused = $"{answer.Status}: {Answer.Short(answer.Body)}";
                return;
        }
    }

    private async Task AnswerCallbacksAsync(string id, FlowSpec spec, CancellationToken stop)
    {
        var answer = await client.SendAsync(HttpMethod.Get, $"/api/v1/executions/{id}", null, null, stop);
        if (answer is not { Status: 200 })
        {
            return;
        }

        List<(string Task, string Url)> waiting = [];
        using (var document = answer.Json())
        {
            var root = document.RootElement;
            if (root.GetProperty("state").GetString() is "SUCCESS" or "REVERTED" or "FAILED" or "CANCELLED")
            {
                _awaitingCallbacks.TryRemove(id, out _);
                return;
            }

            foreach (var wait in root.GetProperty("waiting").EnumerateArray())
            {
                if (wait.TryGetProperty("callback_url", out var url) && url.ValueKind == JsonValueKind.String)
                {
                    waiting.Add((wait.GetProperty("task").GetString()!, url.GetString()!));
                }
            }
        }

        foreach (var (task, url) in waiting)
        {
            var path = ChaosClient.PathOf(url);
            if (ledger.IsAnswered(path))
            {
                continue;
            }

            // The outcome is fixed when the token is first seen, so every resend carries the same body.
            var token = ledger.Token(path, () => new TokenRecord(
                "callback", id, task, spec.FailCallback(ledger.TokensOf(id, "callback")) ? "failure" : "success"));
            var body = token.Outcome == "failure"
                ? """{"status": "failure", "error": {"type": "ChaosCallbackFailure", "message": "the first callback fails on purpose"}}"""
                : $$$"""{"status": "success", "result": {"by": "chaos", "execution": "{{{id}}}"}}""";
            await SendTokenAsync(token, path, body, stop);
        }
    }

    private async Task DecideAsync(string path, string executionId, string task, CancellationToken stop)
    {
        if (ledger.IsAnswered(path))
        {
            return;
        }

        var token = ledger.Token(path, () => new TokenRecord("approval", executionId, task, "approve"));
        await SendTokenAsync(token, path, """{"decision": "approve", "by": "chaos"}""", stop);
    }

    /// <summary>Sends the token's body until the service answers (200, 200 duplicate, or a 4xx, all noted).</summary>
    private async Task SendTokenAsync(TokenRecord token, string path, string body, CancellationToken stop)
    {
        try
        {
            await client.UntilAnsweredAsync(HttpMethod.Post, path, body, null, TokenBound, answer =>
            {
                lock (token)
                {
                    token.Sent++;
                    if (answer is not null)
                    {
                        token.Answers.Add(Read(answer));
                    }
                }
            }, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static TokenAnswer Read(Answer answer)
    {
        if (answer.Status != 200)
        {
            return new TokenAnswer(answer.Status, null, Answer.Short(answer.Body));
        }

        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return new TokenAnswer(200, document.RootElement.TryGetProperty("duplicate", out var d) && d.ValueKind == JsonValueKind.True, null);
        }
        catch (JsonException)
        {
            return new TokenAnswer(200, null, "not JSON: " + Answer.Short(answer.Body));
        }
    }

    private static async Task PauseAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(ResponderPause, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
