using System.Text.Json;

namespace WfaaS.Chaos.Check;

/// <summary>One history entry (SPEC §4) as <c>GET /executions/{id}/history</c> shows it.</summary>
internal sealed record HistoryItem(long Seq, DateTimeOffset At, string Subject, string Name, string? From, string To, int? Attempt, string Cause)
{
    public override string ToString() =>
        $"#{Seq} {At:HH:mm:ss.fff} {Subject} {Name} {From ?? "∅"}→{To}{(Attempt is { } a ? $" (attempt {a})" : string.Empty)} \"{Cause}\"";
}

/// <summary>One task detail as <c>GET /executions/{id}/tasks</c> shows it.</summary>
internal sealed record TaskItem(string Name, string Action, string State, int Attempt, string? ErrorType, string? ErrorMessage);

/// <summary>One execution as <c>GET /executions</c> lists it.</summary>
internal sealed record ExecutionItem(string Id, string Workflow, string State, JsonElement Input)
{
    public bool IsFinished => State is "SUCCESS" or "REVERTED" or "FAILED" or "CANCELLED";
}

/// <summary>An execution with its whole history and its tasks.</summary>
internal sealed record Observation(ExecutionItem Execution, IReadOnlyList<HistoryItem> History, IReadOnlyList<TaskItem> Tasks);
