using System.Text.Json;
using WfaaS.Chaos.Check;

namespace WfaaS.Chaos.Tests;

/// <summary>Writes an execution's history the way the service records it: seq from 1, times in milliseconds from a start.</summary>
internal sealed class HistoryBuilder(string id, string workflow)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<HistoryItem> _items = [];

    public string Id => id;

    public IReadOnlyList<HistoryItem> Items => _items;

    public HistoryBuilder Execution(string? from, string to, string cause, double atMs = 0) =>
        Add("execution", workflow, from, to, null, cause, atMs);

    public HistoryBuilder Task(string name, string from, string to, int attempt, string cause, double atMs = 0) =>
        Add("task", name, from, to, attempt, cause, atMs);

    public HistoryBuilder Add(string subject, string name, string? from, string to, int? attempt, string cause, double atMs)
    {
        _items.Add(new HistoryItem(_items.Count + 1, Start.AddMilliseconds(atMs), subject, name, from, to, attempt, cause));
        return this;
    }

    /// <summary>The history with entry <paramref name="index"/> (0-based) written once more right after itself, seq renumbered.</summary>
    public IReadOnlyList<HistoryItem> WithRepeated(int index)
    {
        var items = _items.ToList();
        items.Insert(index + 1, items[index]);
        return [.. items.Select((h, i) => h with { Seq = i + 1 })];
    }

    public Observation Observe(string state, string inputJson, IReadOnlyList<HistoryItem>? history = null, params TaskItem[] tasks)
    {
        using var input = JsonDocument.Parse(inputJson);
        return new Observation(new ExecutionItem(id, workflow, state, input.RootElement.Clone()), history ?? _items, tasks);
    }
}
