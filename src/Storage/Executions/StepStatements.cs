using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage.Executions;

/// <summary>
/// What one step writes besides the execution row: its history as one chunk, new timers, tokens
/// and outbox rows (their keys come back on commit), state changes of existing timers and tokens,
/// and retention's compactions, which run last inside the same transaction.
/// </summary>
internal sealed class StepStatements(RowSql sql, CallbackTokens tokens, Guid executionId, DateTimeOffset now)
{
    private readonly List<Statement> _statements = [];
    private readonly List<CompactHistory> _compactions = [];
    private Statement? _execution;
    private Statement? _history;

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
                yield return _history;
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

    public List<TokenEntity> Tokens { get; } = [];

    public void Add(Statement statement) => _statements.Add(statement);

    public void SetExecution(Statement statement) => _execution = statement;

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
                    AddTimer(new TimerEntity
                    {
                        ExecutionId = executionId,
                        Task = timer.Task,
                        Attempt = timer.Attempt,
                        Kind = WireNames.Of(timer.Kind),
                        DueAt = timer.DueAt.UtcDateTime,
                        State = TimerStates.Pending,
                        CreatedAt = now.UtcDateTime,
                    });
                    break;
                case AwaitCallback awaited:
                    var token = NewToken(awaited);
                    Tokens.Add(token);
                    _statements.Add(sql.Insert(token));
                    break;
                case CompactHistory compact:
                    _compactions.Add(compact);
                    break;
                default:
                    AddOutbox(ExecutionMapper.ToOutbox(executionId, effect, now));
                    break;
            }
        }

        if (history is not null)
        {
            _history = sql.Insert(HistoryChunks.From(executionId, history));
        }
    }

    public void AddOutbox(OutboxEntity row)
    {
        Outbox.Add(row);
        _statements.Add(sql.InsertReturningKey(row, id => row.Id = id));
    }

    public void SetTimer(long timerId, string state) =>
        _statements.Add(sql.Update<TimerEntity>(
            [(nameof(TimerEntity.State), state)],
            [(nameof(TimerEntity.Id), timerId), (nameof(TimerEntity.State), TimerStates.Pending)]));

    public void VoidToken(string hash) =>
        _statements.Add(sql.Update<TokenEntity>(
            [(nameof(TokenEntity.State), TokenStates.Voided)],
            [(nameof(TokenEntity.Hash), hash), (nameof(TokenEntity.State), TokenStates.Active)]));

    private void AddTimer(TimerEntity row)
    {
        Timers.Add(row);
        _statements.Add(sql.InsertReturningKey(row, id => row.Id = id));
    }

    private TokenEntity NewToken(AwaitCallback awaited)
    {
        var nonce = CallbackTokens.NewNonce();
        var input = awaited.Input is { ValueKind: JsonValueKind.Object } value ? value : (JsonElement?)null;
        return new TokenEntity
        {
            Hash = CallbackTokens.Hash(tokens.TokenFor(nonce)),
            Nonce = nonce,
            ExecutionId = executionId,
            Task = awaited.Task,
            Attempt = awaited.Attempt,
            Kind = WireNames.Of(awaited.Kind),
            State = TokenStates.Active,
            Prompt = input?.TryGetProperty("prompt", out var prompt) == true && prompt.ValueKind == JsonValueKind.String ? prompt.GetString() : null,
            ApproversJson = input?.TryGetProperty("approvers", out var approvers) == true ? approvers.GetRawText() : null,
            CreatedAt = now.UtcDateTime,
            DueAt = awaited.DueAt?.UtcDateTime,
        };
    }
}
