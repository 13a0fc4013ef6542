using System.Buffers;
using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>
/// History rows ⇄ entries. A chunk's <c>entries</c> is a JSON array with one array per entry,
/// <c>[subject, name, from, to, attempt, cause]</c>, seq counting up from <c>first_seq</c>, all at
/// the chunk's <c>at</c>; a compaction entry adds <c>removed, up_to_seq</c>. Stored short, as each
/// is stored once per entry: the subject as <c>e</c>, <c>t</c> or <c>c</c>; an execution's own
/// name (its workflow's) as <c>""</c>; a state as its number in <see cref="States"/>. Chunks written
/// before 2026-12-03 spell names and states out, and read the same.
/// </summary>
internal static class HistoryChunks
{
    private const int MaxCause = 300;

    /// <summary>
    /// The longest start chunk (in characters of <c>entries</c>) kept in the execution's row: a
    /// waiting execution's few entries are, a local flow's dozens go to a row of their own, so the
    /// row every later step rewrites stays small.
    /// </summary>
    public const int MaxInStartRow = 512;

    public static HistoryChunkEntity From(Guid executionId, IReadOnlyList<HistoryRecord> records)
    {
        var buffer = new ArrayBufferWriter<byte>(records.Count * 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var record in records)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(Subject(record.Subject));
                writer.WriteStringValue(record.Subject == HistorySubject.Execution ? string.Empty : record.Name);
                WriteState(writer, record.From);
                WriteState(writer, record.To);
                if (record.Attempt is { } attempt)
                {
                    writer.WriteNumberValue(attempt);
                }
                else
                {
                    writer.WriteNullValue();
                }

                writer.WriteStringValue(record.Cause.Length > MaxCause ? record.Cause[..MaxCause] : record.Cause);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return new HistoryChunkEntity
        {
            ExecutionId = executionId,
            FirstSeq = records[0].Seq,
            LastSeq = records[^1].Seq,
            At = records[0].At.UtcDateTime,
            EntriesJson = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan),
        };
    }

    /// <summary>
    /// The start chunk an execution's row keeps (<see cref="ExecutionEntity.StartHistory"/>), as the
    /// history row it stands for; null when the row keeps none.
    /// </summary>
    public static HistoryChunkEntity? OfStart(Guid executionId, DateTime createdAt, string? startHistory)
    {
        if (startHistory is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(startHistory);
        return new HistoryChunkEntity
        {
            ExecutionId = executionId,
            FirstSeq = 1,
            LastSeq = document.RootElement.GetArrayLength(),
            At = createdAt,
            EntriesJson = startHistory,
        };
    }

    /// <summary>The single-entry chunk that stands for <paramref name="removed"/> entries up to <paramref name="upToSeq"/>.</summary>
    public static HistoryChunkEntity Compaction(Guid executionId, long upToSeq, int removed, string cause, DateTimeOffset at) => new()
    {
        ExecutionId = executionId,
        FirstSeq = upToSeq,
        LastSeq = upToSeq,
        At = at.UtcDateTime,
        EntriesJson = JsonSerializer.Serialize(new[] { new object?[] { Subject(HistorySubject.Execution), HistoryEntry.CompactedName, null, "COMPACTED", null, cause, removed, upToSeq } }),
    };

    /// <summary>The chunk's entries with seq &gt; <paramref name="afterSeq"/>, of an execution of <paramref name="workflowName"/>.</summary>
    public static IEnumerable<HistoryEntry> Entries(HistoryChunkEntity chunk, string workflowName, long afterSeq = 0)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        using var document = JsonDocument.Parse(chunk.EntriesJson);
        var entries = new List<HistoryEntry>();
        var seq = chunk.FirstSeq;
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            if (seq > afterSeq)
            {
                entries.Add(Read(entry, seq, chunk.At, workflowName));
            }

            seq++;
        }

        return entries;
    }

    /// <summary>The entries of <paramref name="entries"/> as one chunk again (after retention cut its head off).</summary>
    public static HistoryChunkEntity Rewrite(Guid executionId, IReadOnlyList<HistoryEntry> entries, DateTime at) =>
        From(executionId, [.. entries.Select(e => new HistoryRecord(e.Seq, new DateTimeOffset(at, TimeSpan.Zero), ParseSubject(e.Subject), e.Name, e.From, e.To, e.Attempt, e.Cause))]);

    private static HistoryEntry Read(JsonElement entry, long seq, DateTime at, string workflowName)
    {
        var length = entry.GetArrayLength();
        var name = entry[1].GetString()!;
        return new HistoryEntry(
            seq,
            DateTime.SpecifyKind(at, DateTimeKind.Utc),
            SubjectName(entry[0].GetString()!),
            name.Length == 0 ? workflowName : name,
            ReadState(entry[2]),
            ReadState(entry[3])!,
            entry[4].ValueKind == JsonValueKind.Number ? entry[4].GetInt32() : null,
            entry[5].GetString()!,
            length > 6 ? entry[6].GetInt32() : null,
            length > 7 ? entry[7].GetInt64() : null);
    }

    /// <summary>The subject's stored code: one letter, since it is stored once per entry.</summary>
    private static string Subject(HistorySubject subject) => subject switch
    {
        HistorySubject.Execution => "e",
        HistorySubject.Task => "t",
        _ => "c",
    };

    /// <summary>The subject's API name from its stored code (or from the name itself, as rows before 2026-12-02 hold it).</summary>
    private static string SubjectName(string stored) => stored switch
    {
        "e" or "execution" => "execution",
        "t" or "task" => "task",
        _ => "checkpoint",
    };

    private static HistorySubject ParseSubject(string subject) => subject switch
    {
        "execution" => HistorySubject.Execution,
        "task" => HistorySubject.Task,
        _ => HistorySubject.Checkpoint,
    };

    /// <summary>
    /// The states of executions, tasks and checkpoints (SPEC §4), numbered as stored: append only, a
    /// number once given is never reused. A state not here is stored as its name.
    /// </summary>
    private static readonly string[] States =
    [
        "PENDING", "RUNNING", "WAITING", "RETRYING", "SUCCESS", "FAILURE", "REVERTING", "REVERTED",
        "REVERT_FAILURE", "SKIPPED", "PAUSED", "FAILED", "CANCELLED", "REACHED",
    ];

    private static readonly Dictionary<string, int> StateNumbers =
        States.Select((state, number) => (state, number)).ToDictionary(s => s.state, s => s.number, StringComparer.Ordinal);

    private static void WriteState(Utf8JsonWriter writer, string? state)
    {
        if (state is null)
        {
            writer.WriteNullValue();
        }
        else if (StateNumbers.TryGetValue(state, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(state);
        }
    }

    private static string? ReadState(JsonElement stored) => stored.ValueKind switch
    {
        JsonValueKind.Number => States[stored.GetInt32()],
        JsonValueKind.Null => null,
        _ => stored.GetString(),
    };
}
