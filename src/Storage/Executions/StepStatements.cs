using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage.Executions;

/// <summary>
/// What one step writes besides the execution row, each effect turned into its rows and nothing
/// decided here: its history as one chunk, timers inserted and deleted, outbox rows (their keys
/// come back on commit), what consumed the event (a timer, an outbox row, a token), and retention's
/// compactions, carried out once the step has committed. Timers and outbox rows carry
/// <paramref name="traceParent"/>, the step span's context (SPEC §10). A minted token needs no row
/// (its nonce is on its task, see <see cref="CallbackTokens"/>); only tokens handed out before
/// that, which the tasks (as the step found them, <paramref name="before"/>) without a nonce wait on, have rows to void.
/// </summary>
internal sealed class StepStatements(RowSql sql, Guid executionId, DateTimeOffset now, IReadOnlyDictionary<string, TaskDetail>? before, string? traceParent = null)
{
    private readonly List<Statement> _statements = [];
    private readonly List<CompactHistory> _compactions = [];
    private Statement? _execution;
    private HistoryChunkEntity? _history;
    private byte[]? _acceptedToken;

    /// <summary>
    /// The execution row first (its row-version check, or on a start its unique keys, is where a
    /// step that lost a race stops), then the history chunk (whose key would collide too), then the rest.
    /// </summary>
    public IEnumerable<Statement> Statements
    {
        get
        {
            if (_execution is not null)
            {
                yield return _execution;
            }

            if (_history is not null)
            {
                yield return sql.Insert(_history);
            }

            foreach (var statement in _statements)
            {
                yield return statement;
            }
        }
    }

    public bool IsEmpty => _execution is null && _history is null && _statements.Count == 0;

    public IReadOnlyList<CompactHistory> Compactions => _compactions;

    public List<TimerEntity> Timers { get; } = [];

    public List<OutboxEntity> Outbox { get; } = [];

    public void Add(Statement statement) => _statements.Add(statement);

    /// <summary>The execution row's write, the step's check: nothing else is written unless it writes its one row.</summary>
    public void SetExecution(Statement statement) => _execution = statement with { IsCheck = true };

    public void AddEffects(IEnumerable<Effect> effects)
    {
        List<HistoryRecord>? history = null;
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case RecordHistory record:
                    (history ??= []).Add(record.Record);
                    break;
                case ScheduleTimer timer:
                    var row = new TimerEntity
                    {
                        ExecutionId = executionId,
                        Serial = timer.Serial,
                        Task = timer.Task,
                        Kind = WireNames.Of(timer.Kind),
                        DueAt = timer.DueAt.UtcDateTime,
                        TraceParent = traceParent,
                    };
                    Timers.Add(row);
                    _statements.Add(sql.Insert(row));
                    break;
                case CancelTimer cancel:
                    DeleteTimer(cancel.Serial);
                    break;
                case MintToken:
                    // Carried out on the state: the nonce is on the waiting task (ExecutionStore).
                    break;
                case VoidTokens voided when before?.GetValueOrDefault(voided.Task) is not { Tokens.IsEmpty: true }:
                    // A signed token is gone once its task stops waiting on it: nothing to write.
                    break;
                case VoidTokens voided:
                    Where[] tokensOf =
                    [
                        (nameof(TokenEntity.ExecutionId), executionId), (nameof(TokenEntity.Task), voided.Task),
                        (nameof(TokenEntity.Attempt), voided.Attempt), (nameof(TokenEntity.State), TokenStates.Active),
                    ];
                    // The token this step accepts is written once, by its acceptance.
                    _statements.Add(sql.Update<TokenEntity>(
                        [(nameof(TokenEntity.State), TokenStates.Voided)],
                        _acceptedToken is { } accepted ? [.. tokensOf, Where.NotEqual(nameof(TokenEntity.Hash), accepted)] : tokensOf));
                    break;
                case ArchiveTask archived:
                    _statements.Add(sql.Upsert(new TaskInstanceEntity
                    {
                        ExecutionId = executionId,
                        Name = archived.Task.Name,
                        Item = InstanceName.ItemOf(archived.Task.Name),
                        Index = archived.Task.Index ?? 0,
                        Data = ExecutionStateJson.WriteTaskDetail(archived.Task),
                    }));
                    break;
                case DropArchive dropped:
                    _statements.Add(sql.Delete<TaskInstanceEntity>(
                        [(nameof(TaskInstanceEntity.ExecutionId), executionId), (nameof(TaskInstanceEntity.Item), dropped.Item)]));
                    break;
                case CompactHistory compact:
                    _compactions.Add(compact);
                    break;
                default:
                    AddOutbox(ExecutionRows.ToOutbox(executionId, effect, now));
                    break;
            }
        }

        if (history is not null)
        {
            _history = HistoryChunks.From(executionId, history);
        }
    }

    /// <summary>
    /// A start's history chunk, taken off the statements to be kept in the new execution's row
    /// (<see cref="ExecutionEntity.StartHistory"/>) when it is small: then a waiting execution is one
    /// row. Null, and the chunk stays a row of its own, when it is larger.
    /// </summary>
    public string? TakeStartHistory()
    {
        if (_history is not { FirstSeq: 1, EntriesJson.Length: <= HistoryChunks.MaxInStartRow } chunk)
        {
            return null;
        }

        _history = null;
        return chunk.EntriesJson;
    }

    /// <summary>The timer that raised the event is used up, whether or not it was still live.</summary>
    public void DeleteTimer(long serial) =>
        _statements.Add(sql.Delete<TimerEntity>([(nameof(TimerEntity.ExecutionId), executionId), (nameof(TimerEntity.Serial), serial)]));

    /// <summary>The outbox row whose work the event reports is done, in the same transaction, so a restart does not run it again.</summary>
    public void OutboxDone(long outboxId) =>
        _statements.Add(sql.Update<OutboxEntity>(
            [(nameof(OutboxEntity.DispatchedAt), now.UtcDateTime)],
            [(nameof(OutboxEntity.Id), outboxId), (nameof(OutboxEntity.DispatchedAt), null)]));

    /// <summary>The signed token that raised the event is taken: its row, with the hash of the body it came with, is written now.</summary>
    public void AcceptToken(TokenEntity accepted)
    {
        _acceptedToken = accepted.Hash;
        _statements.Add(sql.Insert(accepted));
    }

    /// <summary>The token from before signed tokens that raised the event is taken, with the hash of the body it came with.</summary>
    public void AcceptRow(byte[] hash, string bodyHash)
    {
        _acceptedToken = hash;
        _statements.Add(sql.Update<TokenEntity>(
            [(nameof(TokenEntity.State), TokenStates.Accepted), (nameof(TokenEntity.AcceptedBodyHash), bodyHash)],
            [(nameof(TokenEntity.Hash), hash), (nameof(TokenEntity.State), TokenStates.Active)]));
    }

    /// <summary>A token its task no longer waits for; one accepted meanwhile keeps its answer.</summary>
    public void VoidToken(byte[] hash) =>
        _statements.Add(sql.Update<TokenEntity>(
            [(nameof(TokenEntity.State), TokenStates.Voided)],
            [(nameof(TokenEntity.Hash), hash), (nameof(TokenEntity.State), TokenStates.Active)]));

    private void AddOutbox(OutboxEntity row)
    {
        row.TraceParent = traceParent;
        Outbox.Add(row);
        _statements.Add(sql.InsertReturningKey(row, id => row.Id = id));
    }
}
