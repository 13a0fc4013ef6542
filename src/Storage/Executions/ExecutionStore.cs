using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Sql;
using WfaaS.Storage.Telemetry;

namespace WfaaS.Storage.Executions;

/// <summary>
/// The transactional unit of SPEC §1: load → step → save the execution row, the step's history
/// chunk, timers, tokens and outbox in one transaction, each row what an effect says. A step that
/// loses the row-version race writes nothing and is re-run on fresh state. Every event source —
/// the API, callbacks, approvals, timers, jobs, triggers — comes through here, so this is where
/// each step gets its span <c>wfaas.step</c>, its counters and its log scope (SPEC §10).
/// </summary>
public sealed class ExecutionStore(
    WfaasDbContext db, HotReads reads, DefinitionStore definitions, CallbackTokens tokens, ICommitDispatcher dispatcher, IStepWriter writer, RowSql sql, TimeProvider time,
    WfaasTelemetry telemetry, ILogger<ExecutionStore> logger)
{
    private static readonly ExecutionStarted Started = new();
    private static readonly string StartedName = WfaasTelemetry.EventNameOf(typeof(ExecutionStarted));

    private const int MaxStepAttempts = 20;

    /// <summary>Creates the execution and runs it as far as it goes, in one transaction.</summary>
    public async Task<StartOutcome> StartAsync(StartExecution request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Parent?.IdempotencyKey ?? request.IdempotencyKey;
        for (var attempt = 1; ; attempt++)
        {
            if (key is not null
                && await db.Executions.AsNoTracking().FirstOrDefaultAsync(e => e.IdempotencyKey == key, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing.RequestHash == request.RequestHash
                    ? new StartOutcome(StartOutcomeKind.Existing, ExecutionRows.ToStored(existing, ExecutionRows.ToState(existing, request.Plan)))
                    : new StartOutcome(StartOutcomeKind.KeyReused, null);
            }

            var now = StoredTime.Now(time);
            var id = Guid.CreateVersion7(now);
            var startedAt = Stopwatch.GetTimestamp();

            // A start's span is a child of the current one: the request, an outbox job (a child
            // execution), or none (a trigger); the execution keeps its context for later events.
            using var activity = telemetry.StartStep(id, request.Definition.Name, Started, parent: null);
            using var scope = ExecutionLog.Scope(logger, id);
            var traceParent = activity?.Id;
            ExecutionState next;
            ImmutableArray<Effect> effects;
            try
            {
                (next, effects, _) = StepFunction.Step(
                    ExecutionState.Create(id, request.Plan, request.Input, request.StopAt, request.Parent), Started, now);
                next = WithMintedTokens(next, effects);
            }
            catch
            {
                telemetry.StepDone(activity, StartedName, StepOutcomes.Error, 0, startedAt);
                throw;
            }

            var row = new ExecutionEntity
            {
                Id = id,
                WorkflowName = request.Definition.Name,
                WorkflowVersion = request.Definition.Version,
                DefinitionId = request.Definition.Id,
                State = string.Empty,
                InputJson = request.Input.GetRawText(),
                Data = string.Empty,
                IdempotencyKey = key,
                RequestHash = key is null ? null : request.RequestHash,
                CreatedAt = now.UtcDateTime,
                TraceParent = traceParent,
            };
            ExecutionRows.Apply(next, row, now);

            var step = new StepStatements(sql, id, now, before: null, traceParent);
            step.AddEffects(effects);
            row.StartHistory = step.TakeStartHistory();
            step.SetExecution(sql.Insert(row));
            bool created;
            try
            {
                created = await CommitAsync(id, next.Status, step, now, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                telemetry.StepDone(activity, StartedName, StepOutcomes.Error, 0, startedAt);
                throw;
            }

            telemetry.StepDone(activity, StartedName, created ? StepOutcomes.Saved : StepOutcomes.Conflict, created ? Transitions(effects) : 0, startedAt);
            if (created)
            {
                Log.StepDone(logger, StepOutcomes.Saved, StartedName, id);
                telemetry.ExecutionStarted(row.WorkflowName);
                if (next.Status.IsFinal())
                {
                    telemetry.ExecutionFinished(row.WorkflowName, next.Status);
                }

                return new StartOutcome(StartOutcomeKind.Created, ExecutionRows.ToStored(row, next));
            }

            if (key is null || attempt >= 3)
            {
                throw new InvalidOperationException($"Execution {id} could not be inserted.");
            }

            // Two requests with one Idempotency-Key raced; the unique index let one through.
        }
    }

    /// <summary>Applies <paramref name="evt"/> to the execution; null when it does not exist.</summary>
    public Task<StoredExecution?> StepAsync(Guid id, ExecutionEvent evt, CancellationToken cancellationToken) =>
        StepAsync(id, evt, StepSource.None, cancellationToken);

    /// <summary>
    /// Applies <paramref name="evt"/>; what raised it (<paramref name="source"/>: a timer, an outbox
    /// row) is used up in the same transaction, whether or not the event changed anything, so a
    /// restart does not raise it again.
    /// </summary>
    public Task<StoredExecution?> StepAsync(Guid id, ExecutionEvent evt, StepSource source, CancellationToken cancellationToken) =>
        StepAsync(id, evt, source, preloaded: null, cancellationToken);

    /// <summary>
    /// As <see cref="StepAsync(Guid, ExecutionEvent, StepSource, CancellationToken)"/>, on a row read
    /// beforehand with others (<see cref="PreloadAsync"/>); if it changed since, the step loses its
    /// race and goes again on a fresh read.
    /// </summary>
    public async Task<StoredExecution?> StepAsync(Guid id, ExecutionEvent evt, StepSource source, ExecutionEntity? preloaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        ArgumentNullException.ThrowIfNull(source);
        for (var attempt = 1; ; attempt++)
        {
            var read = attempt == 1 && preloaded is not null ? LoadAsync(preloaded, cancellationToken) : LoadAsync(id, cancellationToken);
            if (await read.ConfigureAwait(false) is not { } loaded)
            {
                return null;
            }

            if (await TryStepAsync(loaded, evt, source.Consume, fromOutside: source == StepSource.None, cancellationToken).ConfigureAwait(false) is (not StepStatus.Lost, var stored))
            {
                return stored;
            }

            ThrowIfExhausted(id, attempt);
        }
    }

    /// <summary>
    /// An operator command (SPEC §5.5): applied only when the engine says it applies to the
    /// execution as it stands, asked on the same fresh state the step runs on.
    /// </summary>
    public async Task<CommandOutcome> CommandAsync(Guid id, ExecutionEvent command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        for (var attempt = 1; ; attempt++)
        {
            if (await LoadAsync(id, cancellationToken).ConfigureAwait(false) is not { } loaded)
            {
                return new CommandOutcome(null, null);
            }

            if (StepFunction.Refusal(loaded.State, command) is { } refusal)
            {
                return new CommandOutcome(loaded.Stored, refusal);
            }

            if (await TryStepAsync(loaded, command, consume: null, fromOutside: true, cancellationToken).ConfigureAwait(false) is (not StepStatus.Lost, var stored))
            {
                return new CommandOutcome(stored, null);
            }

            ThrowIfExhausted(id, attempt);
        }
    }

    /// <summary>
    /// A callback or approval by token (SPEC §6): the first accepted body wins; the same body again
    /// is a duplicate, another body a conflict; a token whose task moved on is gone. A signed token
    /// is live while its task waits on its nonce, and gets its row only when accepted, in the step
    /// that takes it; one whose MAC does not hold is unknown before anything is read.
    /// </summary>
    public async Task<TokenOutcome> AcceptTokenAsync(
        string token, WaitKind kind, string bodyHash, Func<TokenEntity, ExecutionEvent> eventFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventFor);
        return tokens.Read(token, kind, out var claim) switch
        {
            TokenForm.Claim => await AcceptSignedAsync(CallbackTokens.Hash(token), claim!, kind, bodyHash, eventFor, cancellationToken).ConfigureAwait(false),
            TokenForm.Legacy => await AcceptRowAsync(CallbackTokens.Hash(token), kind, bodyHash, eventFor, cancellationToken).ConfigureAwait(false),
            _ => new TokenOutcome(TokenOutcomeKind.Unknown, null),
        };
    }

    /// <summary>A delegate's heartbeat: 404 unknown, 410 when its task no longer waits; otherwise the deadline moves.</summary>
    public async Task<TokenOutcomeKind> HeartbeatAsync(string token, CancellationToken cancellationToken)
    {
        TokenEntity? row;
        switch (tokens.Read(token, WaitKind.Callback, out var claim))
        {
            case TokenForm.Claim:
                if (await LoadAsync(claim!.ExecutionId, cancellationToken).ConfigureAwait(false) is not { } loaded)
                {
                    return TokenOutcomeKind.Unknown;
                }

                if (TokenWaits.Live(loaded.State, claim, WaitKind.Callback) is not { } live)
                {
                    return TokenOutcomeKind.Gone;
                }

                row = new TokenEntity { Hash = [], Nonce = claim.Nonce, Task = live.Task.Name, Attempt = live.Task.Attempt, Kind = string.Empty, State = TokenStates.Active, ExecutionId = claim.ExecutionId };
                break;
            case TokenForm.Legacy:
                row = await reads.TokenAsync(db, CallbackTokens.Hash(token), WireNames.Of(WaitKind.Callback), cancellationToken).ConfigureAwait(false);
                if (row is null)
                {
                    return TokenOutcomeKind.Unknown;
                }

                if (row.State != TokenStates.Active)
                {
                    return TokenOutcomeKind.Gone;
                }

                break;
            default:
                return TokenOutcomeKind.Unknown;
        }

        await StepAsync(row.ExecutionId, new HeartbeatReceived(row.Task, row.Attempt), cancellationToken).ConfigureAwait(false);
        return TokenOutcomeKind.Accepted;
    }

    private async Task<TokenOutcome> AcceptSignedAsync(
        byte[] hash, TokenClaim claim, WaitKind kind, string bodyHash, Func<TokenEntity, ExecutionEvent> eventFor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await LoadAsync(claim.ExecutionId, cancellationToken).ConfigureAwait(false) is not { } loaded)
            {
                return new TokenOutcome(TokenOutcomeKind.Unknown, null);
            }

            var described = TokenWaits.Describe(hash, claim, kind, loaded.State);
            if (described.State == TokenStates.Active)
            {
                // The step's row-version check decides: a request that took the token first stepped
                // the execution (and wrote the token's row), so this step loses and the next round
                // finds the row. A step that changes nothing writes nothing.
                var (status, _) = await TryStepAsync(
                    loaded, eventFor(described), step => step.AcceptToken(TokenWaits.Accepted(described, bodyHash)), fromOutside: true, cancellationToken, onUnchanged: _ => { })
                    .ConfigureAwait(false);
                if (status == StepStatus.Saved)
                {
                    described.State = TokenStates.Accepted;
                    described.AcceptedBodyHash = bodyHash;
                    return new TokenOutcome(TokenOutcomeKind.Accepted, described);
                }

                if (status == StepStatus.Lost)
                {
                    ThrowIfExhausted(claim.ExecutionId, attempt);
                    continue;
                }
            }

            // Not waiting on it (any more): its row says whether it was taken, and with which body.
            var row = await reads.TokenAsync(db, hash, WireNames.Of(kind), cancellationToken).ConfigureAwait(false);
            return row?.State == TokenStates.Accepted
                ? new TokenOutcome(row.AcceptedBodyHash == bodyHash ? TokenOutcomeKind.Duplicate : TokenOutcomeKind.Conflict, row)
                : new TokenOutcome(TokenOutcomeKind.Gone, described);
        }
    }

    /// <summary>A token handed out before tokens were signed: its row in <c>tokens</c> was minted with it.</summary>
    private async Task<TokenOutcome> AcceptRowAsync(
        byte[] hash, WaitKind kind, string bodyHash, Func<TokenEntity, ExecutionEvent> eventFor, CancellationToken cancellationToken)
    {
        var wire = WireNames.Of(kind);
        for (var attempt = 1; ; attempt++)
        {
            var row = await reads.TokenAsync(db, hash, wire, cancellationToken).ConfigureAwait(false);
            switch (row?.State)
            {
                case null:
                    return new TokenOutcome(TokenOutcomeKind.Unknown, null);
                case TokenStates.Accepted:
                    return new TokenOutcome(row.AcceptedBodyHash == bodyHash ? TokenOutcomeKind.Duplicate : TokenOutcomeKind.Conflict, row);
                case TokenStates.Voided:
                    return new TokenOutcome(TokenOutcomeKind.Gone, row);
            }

            if (await LoadAsync(row.ExecutionId, cancellationToken).ConfigureAwait(false) is not { } loaded)
            {
                return new TokenOutcome(TokenOutcomeKind.Gone, row);
            }

            // The step's row-version check decides: a request that took the token first stepped the
            // execution, so this step loses and the next round reads who took it.
            var (status, _) = await TryStepAsync(loaded, eventFor(row), step => step.AcceptRow(hash, bodyHash), fromOutside: true, cancellationToken, onUnchanged: step => step.VoidToken(hash))
                .ConfigureAwait(false);
            if (status == StepStatus.Saved)
            {
                row.State = TokenStates.Accepted;
                row.AcceptedBodyHash = bodyHash;
                return new TokenOutcome(TokenOutcomeKind.Accepted, row);
            }

            // Lost a race, or the task no longer waits for this token (then it was voided if still
            // ACTIVE; a request accepted with it meanwhile keeps it): the next round reads which.
            ThrowIfExhausted(row.ExecutionId, attempt);
        }
    }

    /// <summary>
    /// The step's <see cref="MintToken"/> effects carried out: each gets a random nonce (SPEC §6: at
    /// least 128 bits) kept on its waiting task, from which <see cref="CallbackTokens.Mint"/> signs the token.
    /// </summary>
    private static ExecutionState WithMintedTokens(ExecutionState next, ImmutableArray<Effect> effects)
    {
        foreach (var effect in effects)
        {
            if (effect is MintToken mint)
            {
                next = next.WithToken(mint.Task, mint.Attempt, new WaitToken(CallbackTokens.NewNonce(), mint.Approver));
            }
        }

        return next;
    }

    /// <summary>Marks an outbox row done without a step: its work is no longer wanted, or needs no report.</summary>
    public Task MarkOutboxDoneAsync(long outboxId, CancellationToken cancellationToken)
    {
        var step = new StepStatements(sql, Guid.Empty, StoredTime.Now(time), before: null);
        step.OutboxDone(outboxId);
        return WriteAsync(step, cancellationToken);
    }

    /// <summary>
    /// The rows of those of <paramref name="ids"/> that exist, in one read, for steps that follow
    /// (a tick's due timers); the connection goes back to the pool at once.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, ExecutionEntity>> PreloadAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var rows = await reads.ExecutionsAsync(db, ids, cancellationToken).ConfigureAwait(false);
        await db.Database.ReleaseConnectionAsync().ConfigureAwait(false);
        return rows.ToDictionary(r => r.Id);
    }

    private async Task<LoadedExecution?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await reads.ExecutionAsync(db, id, cancellationToken).ConfigureAwait(false) is { } row
            ? await LoadAsync(row, cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<LoadedExecution?> LoadAsync(ExecutionEntity row, CancellationToken cancellationToken)
    {
        var plan = await definitions.PlanAsync(row.DefinitionId, cancellationToken).ConfigureAwait(false);
        var stored = new Dictionary<string, (TaskDetail Task, JsonElement Json)>(StringComparer.Ordinal);
        return new LoadedExecution(row, ExecutionRows.ToState(row, plan, stored), stored);
    }

    /// <summary>
    /// One step on <paramref name="loaded"/> in its span <c>wfaas.step</c> (SPEC §10): under the
    /// current span when the event comes from a row the execution wrote (an outbox job's, a timer's,
    /// whose spans joined that trace); under the execution's own context, linked to the current
    /// span (the request), when it comes from outside (<paramref name="fromOutside"/>: a callback,
    /// an approval, a heartbeat, a command), so one execution is one trace.
    /// </summary>
    private async Task<(StepStatus Status, StoredExecution Stored)> TryStepAsync(
        LoadedExecution loaded, ExecutionEvent evt, Action<StepStatements>? consume, bool fromOutside, CancellationToken cancellationToken,
        Action<StepStatements>? onUnchanged = null)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var row = loaded.Row;
        var eventName = telemetry.EventName(evt);
        using var activity = telemetry.StartStep(row.Id, row.WorkflowName, evt, fromOutside ? row.TraceParent : null);
        using var scope = ExecutionLog.Scope(logger, row.Id);
        StepDone done;
        try
        {
            done = await StepOnceAsync(loaded, evt, consume, onUnchanged, activity?.Id, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            telemetry.StepDone(activity, eventName, StepOutcomes.Error, 0, startedAt);
            throw;
        }

        var outcome = done.Status switch
        {
            StepStatus.Saved => StepOutcomes.Saved,
            StepStatus.Unchanged => StepOutcomes.Unchanged,
            _ => StepOutcomes.Conflict,
        };
        telemetry.StepDone(activity, eventName, outcome, done.Transitions, startedAt);
        Log.StepDone(logger, outcome, eventName, row.Id);
        if (done.Status == StepStatus.Saved && !loaded.State.Status.IsFinal() && done.Stored.State.Status.IsFinal())
        {
            telemetry.ExecutionFinished(row.WorkflowName, done.Stored.State.Status);
        }

        return (done.Status, done.Stored);
    }

    /// <summary>
    /// One step on <paramref name="loaded"/>, with what <paramref name="consume"/> uses up. When the
    /// event changes nothing, only that is written (<paramref name="onUnchanged"/> instead, when
    /// given). Lost: another step got there first; re-run on fresh state. The rows it writes for
    /// later carry <paramref name="traceParent"/>.
    /// </summary>
    private async Task<StepDone> StepOnceAsync(
        LoadedExecution loaded, ExecutionEvent evt, Action<StepStatements>? consume, Action<StepStatements>? onUnchanged, string? traceParent,
        CancellationToken cancellationToken)
    {
        var (row, before, stored) = loaded;
        var now = StoredTime.Now(time);
        var result = StepFunction.Step(before, evt, now);
        if (!result.IsComplete)
        {
            // Gathering or reverting a fan-out needs its archived elements: load them and step again.
            before = await TaskArchive.LoadAsync(db, row.Id, before, result.Needs, cancellationToken).ConfigureAwait(false);
            result = StepFunction.Step(before, evt, now);
        }

        var step = new StepStatements(sql, row.Id, now, before.Tasks, traceParent);
        if (ReferenceEquals(result.Next, before) && result.Effects.IsEmpty)
        {
            (onUnchanged ?? consume)?.Invoke(step);
            if (!step.IsEmpty)
            {
                await WriteAsync(step, cancellationToken).ConfigureAwait(false);
            }

            return new StepDone(StepStatus.Unchanged, loaded.Stored, 0);
        }

        consume?.Invoke(step);
        var expectedVersion = row.RowVersion;
        var saved = new ExecutionEntity
        {
            Number = row.Number,
            Id = row.Id,
            WorkflowName = row.WorkflowName,
            WorkflowVersion = row.WorkflowVersion,
            DefinitionId = row.DefinitionId,
            State = row.State,
            RowVersion = expectedVersion + 1,
            InputJson = row.InputJson,
            Data = row.Data,
            IdempotencyKey = row.IdempotencyKey,
            RequestHash = row.RequestHash,
            CreatedAt = row.CreatedAt,
            TraceParent = row.TraceParent,
            StartHistory = row.StartHistory,
        };
        var next = WithMintedTokens(result.Next, result.Effects);
        ExecutionRows.Apply(next, saved, now, stored);
        step.SetExecution(ExecutionRows.Update(sql, saved, expectedVersion));
        step.AddEffects(result.Effects);
        return await CommitAsync(row.Id, next.Status, step, now, cancellationToken).ConfigureAwait(false)
            ? new StepDone(StepStatus.Saved, ExecutionRows.ToStored(saved, next), Transitions(result.Effects))
            : new StepDone(StepStatus.Lost, loaded.Stored, 0);
    }

    /// <summary><c>wfaas.transitions</c>: the moves a step recorded in history.</summary>
    private static int Transitions(ImmutableArray<Effect> effects)
    {
        var count = 0;
        foreach (var effect in effects)
        {
            if (effect is RecordHistory)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Commits the step, hands its timers and outbox rows on, then carries out its compactions (SPEC §5.6).</summary>
    private async Task<bool> CommitAsync(Guid executionId, ExecutionStatus status, StepStatements step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await WriteAsync(step, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        dispatcher.Dispatch(new StepCommit(executionId, status, step.Timers, step.Outbox));
        foreach (var compaction in step.Compactions)
        {
            await HistoryRetention.CompactAsync(db, writer, sql, executionId, compaction, now, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// Hands the step to the writer. The reads' pooled connection goes back first: the writer commits
    /// on a connection of its own (SQLite, PostgreSQL: many steps at once) or opens one (SQL Server),
    /// and a step waiting for its group commit must not keep one from the requests behind it (on
    /// PostgreSQL, 1,000 steps at once ran out of the pool of 100).
    /// </summary>
    private async Task<bool> WriteAsync(StepStatements step, CancellationToken cancellationToken)
    {
        await db.Database.ReleaseConnectionAsync().ConfigureAwait(false);
        return await writer.WriteAsync([.. step.Statements], cancellationToken).ConfigureAwait(false);
    }

    private static void ThrowIfExhausted(Guid id, int attempt)
    {
        if (attempt >= MaxStepAttempts)
        {
            throw new InvalidOperationException($"Execution {id}: {MaxStepAttempts} steps in a row lost their race; giving up.");
        }
    }

    private readonly record struct StepDone(StepStatus Status, StoredExecution Stored, int Transitions);

    private enum StepStatus
    {
        Saved,
        Unchanged,
        Lost,
    }

    /// <summary>
    /// An execution's row as loaded, not tracked (a step updates it by row version), the engine state
    /// built from it, and its tasks' JSON in the row: a step writes again only the tasks it changed.
    /// </summary>
    private sealed record LoadedExecution(ExecutionEntity Row, ExecutionState State, IReadOnlyDictionary<string, (TaskDetail Task, JsonElement Json)> StoredTasks)
    {
        public StoredExecution Stored => ExecutionRows.ToStored(Row, State);
    }
}
