using System.Text.Json;
using WfaaS.Chaos.Client;

namespace WfaaS.Chaos.Check;

/// <summary>Reads every execution back over REST, with its whole history (paged by <c>cursor</c>) and its tasks.</summary>
internal sealed class Reader(ChaosClient client)
{
    private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(60);

    /// <summary>Every execution, newest first, over every page of <c>GET /executions</c>.</summary>
    public async Task<IReadOnlyList<ExecutionItem>> ExecutionsAsync(CancellationToken cancellationToken)
    {
        var items = new List<ExecutionItem>();
        string? cursor = null;
        for (var page = 0; page < 10_000; page++)
        {
            using var document = await GetAsync("/api/v1/executions?limit=500" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)), cancellationToken);
            foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
            {
                items.Add(new ExecutionItem(
                    item.GetProperty("id").GetString()!, item.GetProperty("workflow").GetString()!, item.GetProperty("state").GetString()!,
                    item.GetProperty("input").Clone()));
            }

            cursor = NextCursor(document.RootElement);
            if (cursor is null)
            {
                return items;
            }
        }

        throw new ChaosFailure("GET /api/v1/executions gave more than 10,000 pages.");
    }

    /// <summary>How many executions are in a state that is not final (RUNNING, REVERTING, PAUSED), at most 500 of each counted.</summary>
    public async Task<int?> UnfinishedCountAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var state in new[] { "RUNNING", "REVERTING", "PAUSED" })
        {
            var answer = await client.SendAsync(HttpMethod.Get, $"/api/v1/executions?state={state}&limit=500", null, null, cancellationToken);
            if (answer is not { Status: 200 })
            {
                return null;
            }

            using var document = answer.Json();
            count += document.RootElement.GetProperty("items").GetArrayLength();
        }

        return count;
    }

    public async Task<Observation> ObserveAsync(ExecutionItem execution, CancellationToken cancellationToken)
    {
        var history = new List<HistoryItem>();
        string? cursor = null;
        for (var page = 0; page < 10_000; page++)
        {
            using var document = await GetAsync(
                $"/api/v1/executions/{execution.Id}/history?limit=500" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)), cancellationToken);
            foreach (var h in document.RootElement.GetProperty("items").EnumerateArray())
            {
                history.Add(new HistoryItem(
                    h.GetProperty("seq").GetInt64(),
                    h.GetProperty("at").GetDateTimeOffset(),
                    h.GetProperty("subject").GetString()!,
                    h.GetProperty("name").GetString()!,
                    h.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.String ? from.GetString() : null,
                    h.GetProperty("to").GetString()!,
                    h.TryGetProperty("attempt", out var attempt) && attempt.ValueKind == JsonValueKind.Number ? attempt.GetInt32() : null,
                    h.GetProperty("cause").GetString() ?? string.Empty));
            }

            cursor = NextCursor(document.RootElement);
            if (cursor is null)
            {
                break;
            }
        }

        using var tasksDocument = await GetAsync($"/api/v1/executions/{execution.Id}/tasks", cancellationToken);
        var tasks = tasksDocument.RootElement.GetProperty("items").EnumerateArray().Select(t => new TaskItem(
            t.GetProperty("name").GetString()!,
            t.GetProperty("action").GetString()!,
            t.GetProperty("state").GetString()!,
            t.GetProperty("attempt").GetInt32(),
            t.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e.GetProperty("type").GetString() : null,
            t.TryGetProperty("error", out var m) && m.ValueKind == JsonValueKind.Object ? m.GetProperty("message").GetString() : null)).ToList();
        return new Observation(execution, history, tasks);
    }

    private static string? NextCursor(JsonElement root) =>
        root.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;

    private async Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken)
    {
        var answer = await client.UntilAnsweredAsync(HttpMethod.Get, path, null, null, ReadBound, null, cancellationToken)
            ?? throw new ChaosFailure($"GET {path} got no answer within {ReadBound.TotalSeconds} s.");
        return answer.Status == 200
            ? answer.Json()
            : throw new ChaosFailure($"GET {path} answered {answer.Status}: {Answer.Short(answer.Body)}");
    }
}
