using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;

namespace WfaaS.Storage.Executions;

/// <summary>
/// The <c>tasks</c> column: every task detail of an execution as one JSON array in definition order,
/// <c>[{name, action, state, attempt, version, result?, error?: {type, message, stack_trace?},
/// revert_result?, started_at?, finished_at?}]</c>. One row per execution instead of one per task:
/// a step rewrites one column rather than a row per task it moved.
/// </summary>
public static class TaskDetailsJson
{
    internal static string Write(ExecutionPlan plan, ImmutableDictionary<string, TaskDetail> tasks)
    {
        var buffer = new ArrayBufferWriter<byte>(plan.Tasks.Length * 96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var planned in plan.Tasks)
            {
                var task = tasks[planned.Name];
                writer.WriteStartObject();
                writer.WriteString("name", task.Name);
                writer.WriteString("action", planned.Node.Action);
                writer.WriteString("state", WireNames.Of(task.Status));
                writer.WriteNumber("attempt", task.Attempt);
                writer.WriteNumber("version", task.Version);
                if (task.Result is { } result)
                {
                    writer.WritePropertyName("result");
                    result.WriteTo(writer);
                }

                if (task.Error is { } error)
                {
                    writer.WriteStartObject("error");
                    writer.WriteString("type", error.Type);
                    writer.WriteString("message", error.Message);
                    if (error.StackTrace is { } stackTrace)
                    {
                        writer.WriteString("stack_trace", stackTrace);
                    }

                    writer.WriteEndObject();
                }

                if (task.RevertResult is { } revert)
                {
                    writer.WritePropertyName("revert_result");
                    revert.WriteTo(writer);
                }

                if (task.StartedAt is { } started)
                {
                    writer.WriteString("started_at", started.UtcDateTime);
                }

                if (task.FinishedAt is { } finished)
                {
                    writer.WriteString("finished_at", finished.UtcDateTime);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<StoredTask> Read(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        var tasks = new List<StoredTask>(document.RootElement.GetArrayLength());
        foreach (var t in document.RootElement.EnumerateArray())
        {
            var error = t.TryGetProperty("error", out var e)
                ? new TaskError(e.GetProperty("type").GetString()!, e.GetProperty("message").GetString()!, e.TryGetProperty("stack_trace", out var s) ? s.GetString() : null)
                : null;
            var detail = new TaskDetail(
                t.GetProperty("name").GetString()!,
                WireState.Parse<TaskDetailStatus>(t.GetProperty("state").GetString()!),
                t.GetProperty("attempt").GetInt32(),
                t.TryGetProperty("result", out var result) ? result.Clone() : null,
                error,
                t.GetProperty("version").GetInt32(),
                t.TryGetProperty("revert_result", out var revert) ? revert.Clone() : null,
                t.TryGetProperty("started_at", out var started) ? started.GetDateTimeOffset() : null,
                t.TryGetProperty("finished_at", out var finished) ? finished.GetDateTimeOffset() : null);
            tasks.Add(new StoredTask(t.GetProperty("action").GetString()!, detail));
        }

        return tasks;
    }

    /// <summary>The tasks in WAITING, in definition order.</summary>
    public static IReadOnlyList<StoredTask> Waiting(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.Contains("\"WAITING\"", StringComparison.Ordinal)
            ? [.. Read(json).Where(t => t.Detail.Status == TaskDetailStatus.Waiting)]
            : [];
    }

    internal static ImmutableDictionary<string, TaskDetail> ReadDetails(string json) =>
        Read(json).ToImmutableDictionary(t => t.Name, t => t.Detail, StringComparer.Ordinal);
}
