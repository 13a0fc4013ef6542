using System.Buffers;
using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>
/// History rows ⇄ entries. A chunk's <c>entries</c> is a JSON array with one array per entry,
/// <c>[subject, name, from, to, attempt, cause]</c> (subject stored as <c>e</c>, <c>t</c> or <c>c</c>), seq counting up from <c>first_seq</c>, all at
/// the chunk's <c>at</c>; a compaction entry adds <c>removed, up_to_seq</c>.
/// </summary>
internal static class HistoryChunks
{
    private const int MaxCause = 300;

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
                writer.WriteStringValue(record.Name);
                WriteNullable(writer, record.From);
                writer.WriteStringValue(record.To);
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

    /// <summary>The single-entry chunk that stands for <paramref name="removed"/> entries up to <paramref name="upToSeq"/>.</summary>
    public static HistoryChunkEntity Compaction(Guid executionId, long upToSeq, int removed, string cause, DateTimeOffset at) => new()
    {
        ExecutionId = executionId,
        FirstSeq = upToSeq,
        LastSeq = upToSeq,
        At = at.UtcDateTime,
        EntriesJson = JsonSerializer.Serialize(new[] { new object?[] { Subject(HistorySubject.Execution), HistoryEntry.CompactedName, null, "COMPACTED", null, cause, removed, upToSeq } }),
    };

    /// <summary>The chunk's entries with seq &gt; <paramref name="afterSeq"/>.</summary>
    public static IEnumerable<HistoryEntry> Entries(HistoryChunkEntity chunk, long afterSeq = 0)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        using var document = JsonDocument.Parse(chunk.EntriesJson);
        var entries = new List<HistoryEntry>();
        var seq = chunk.FirstSeq;
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            if (seq > afterSeq)
            {
                entries.Add(Read(entry, seq, chunk.At));
            }

            seq++;
        }

        return entries;
    }

    /// <summary>The entries of <paramref name="entries"/> as one chunk again (after retention cut its head off).</summary>
    public static HistoryChunkEntity Rewrite(Guid executionId, IReadOnlyList<HistoryEntry> entries, DateTime at) =>
        From(executionId, [.. entries.Select(e => new HistoryRecord(e.Seq, new DateTimeOffset(at, TimeSpan.Zero), ParseSubject(e.Subject), e.Name, e.From, e.To, e.Attempt, e.Cause))]);

    private static HistoryEntry Read(JsonElement entry, long seq, DateTime at)
    {
        var length = entry.GetArrayLength();
        return new HistoryEntry(
            seq,
            DateTime.SpecifyKind(at, DateTimeKind.Utc),
            SubjectName(entry[0].GetString()!),
            entry[1].GetString()!,
            entry[2].GetString(),
            entry[3].GetString()!,
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

    private static void WriteNullable(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
