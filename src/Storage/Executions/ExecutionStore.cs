using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>
/// The transactional unit of SPEC §1: load → step → save state, task details, history, timers and
/// outbox in one transaction. A step that loses the row-version race is re-run on fresh state.
/// </summary>
public sealed class ExecutionStore(
    WfaasDbContext db, PlanCache plans, CallbackTokens tokens, ICommitDispatcher dispatcher, WriteGate gate, TimeProvider time)
{
    private const int MaxStepAttempts = 20;
    private const string Compacted = "history_compacted";
    private readonly List<CompactHistory> _compactions = [];
    private readonly List<HistoryEntity> _history = [];

    /// <summary>Creates the execution and runs it as far as it goes, in one transaction.</summary>
    public async Task<StartOutcome> StartAsync(StartExecution request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 1; ; attempt++)
        {
            if ((request.Parent?.IdempotencyKey ?? request.IdempotencyKey) is { } key
                && await db.Executions.AsNoTracking().FirstOrDefaultAsync(e => e.IdempotencyKey == key, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing.RequestHash == request.RequestHash
                    ? new StartOutcome(StartOutcomeKind.Existing, existing)
                    : new StartOutcome(StartOutcomeKind.KeyReused, null);
            }

            var now = time.GetUtcNow();
            var plan = plans.Get(request.Definition);
            var id = Guid.CreateVersion7(now);
            var (next, effects) = StepFunction.Step(ExecutionState.Create(id, plan, request.Input, request.StopAt), new ExecutionStarted(), now);

            var execution = new ExecutionEntity
            {
                Id = id,
                WorkflowName = request.Definition.Name,
                WorkflowVersion = request.Definition.Version,
                DefinitionId = request.Definition.Id,
                State = string.Empty,
                InputJson = request.Input.GetRawText(),
                SymbolsJson = "{}",
                CheckpointsJson = "{}",
                IdempotencyKey = request.Parent?.IdempotencyKey ?? request.IdempotencyKey,
                RequestHash = request.RequestHash,
                ParentExecutionId = request.Parent?.ExecutionId,
                ParentTask = request.Parent?.Task,
                ParentAttempt = request.Parent?.Attempt,
                CreatedAt = now.UtcDateTime,
            };
            ExecutionMapper.Apply(next, execution, now);
            db.Executions.Add(execution);
            foreach (var task in plan.Tasks)
            {
                var entity = ExecutionMapper.NewTask(id, task);
                ExecutionMapper.Apply(next.Tasks[task.Name], entity);
                db.TaskDetails.Add(entity);
            }

            var (timers, outbox) = AddEffects(id, effects, now);
            if (next.IsFinished && execution.ParentExecutionId is not null)
            {
                outbox.Add(db.Outbox.Add(ChildNotices.ToParent(execution, next, now)).Entity);
            }

            try
            {
                await CommitAsync(id, now, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException) when (execution.IdempotencyKey is not null && attempt < 3)
            {
                // Two requests with one Idempotency-Key raced; the unique index let one through.
                db.ChangeTracker.Clear();
                _compactions.Clear();
                _history.Clear();
                continue;
            }

            dispatcher.Dispatch(new StepCommit(execution, timers, outbox));
            return new StartOutcome(StartOutcomeKind.Created, execution);
        }
    }

    /// <summary>Applies <paramref name="evt"/> to the execution; null when it does not exist.</summary>
    public Task<ExecutionEntity?> StepAsync(Guid id, ExecutionEvent evt, CancellationToken cancellationToken) =>
        StepAsync(id, evt, consumedOutboxId: null, cancellationToken);

    /// <summary>
    /// Applies <paramref name="evt"/>; when it reports the work of an outbox row, that row is marked
    /// done in the same transaction, so a restart does not run the work again.
    /// </summary>
    public async Task<ExecutionEntity?> StepAsync(Guid id, ExecutionEvent evt, long? consumedOutboxId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        for (var attempt = 1; ; attempt++)
        {
            if (await LoadAsync(id, cancellationToken).ConfigureAwait(false) is not { } loaded)
            {
                return null;
            }

            var result = StepFunction.Step(loaded.State, evt, time.GetUtcNow());
            if (ReferenceEquals(result.Next, loaded.State) && result.Effects.IsEmpty)
            {
                // Nothing to do (a stale or repeated event): still settle what triggered it, so it is not retried for ever.
                await MarkConsumedAsync(consumedOutboxId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                await MarkFiredAsync(id, evt, cancellationToken).ConfigureAwait(false);
                return loaded.Execution;
            }

            if (consumedOutboxId is { } outboxId
                && await db.Outbox.FirstOrDefaultAsync(o => o.Id == outboxId, cancellationToken).ConfigureAwait(false) is { } consumed)
            {
                consumed.DispatchedAt ??= time.GetUtcNow().UtcDateTime;
            }

            if (await SaveAsync(loaded, evt, result, attempt, cancellationToken).ConfigureAwait(false))
            {
                return loaded.Execution;
            }
        }
    }

    /// <summary>
    /// An operator command (SPEC §5.5), applied only when the execution's transition table allows it
    /// in its current state, checked on the same fresh state the step runs on.
    /// </summary>
    public async Task<CommandOutcome> CommandAsync(Guid id, ExecutionTrigger command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await LoadAsync(id, cancellationToken).ConfigureAwait(false) is not { } loaded)
            {
                return new CommandOutcome(null, Applied: false);
            }

            if (!ExecutionTransitions.Table.Allows(loaded.State.Status, command))
            {
                return new CommandOutcome(loaded.Execution, Applied: false);
            }

            var evt = new OperatorCommand(command);
            var result = StepFunction.Step(loaded.State, evt, time.GetUtcNow());
            if (await SaveAsync(loaded, evt, result, attempt, cancellationToken).ConfigureAwait(false))
            {
                return new CommandOutcome(loaded.Execution, Applied: true);
            }
        }
    }

    /// <summary>
    /// An operator's <c>revert</c> or <c>run-to</c> (SPEC §5.5). <paramref name="refuse"/> says, on the
    /// fresh state, why the command cannot apply (an HTTP status and a detail), or null.
    /// </summary>
    public async Task<(CommandOutcome Outcome, (int Status, string Detail)? Refused)> ControlAsync(
        Guid id, ExecutionEvent command, Func<ExecutionState, (int Status, string Detail)?> refuse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refuse);
        for (var attempt = 1; ; attempt++)
        {
            if (await LoadAsync(id, cancellationToken).ConfigureAwait(false) is not { } loaded)
            {
                return (new CommandOutcome(null, Applied: false), null);
            }

            if (refuse(loaded.State) is { } reason)
            {
                return (new CommandOutcome(loaded.Execution, Applied: false), reason);
            }

            var result = StepFunction.Step(loaded.State, command, time.GetUtcNow());
            if (ReferenceEquals(result.Next, loaded.State))
            {
                return (new CommandOutcome(loaded.Execution, Applied: false), (409, $"The command does not apply to an execution that is {loaded.Execution.State}."));
            }

            if (await SaveAsync(loaded, command, result, attempt, cancellationToken).ConfigureAwait(false))
            {
                return (new CommandOutcome(loaded.Execution, Applied: true), null);
            }
        }
    }

    /// <summary>
    /// A callback or approval by token (SPEC §6): the first accepted body wins; the same body again
    /// is a duplicate, another body a conflict; a token whose task moved on is gone.
    /// </summary>
    public async Task<TokenOutcome> AcceptTokenAsync(
        string token, WaitKind kind, string bodyHash, Func<TokenEntity, ExecutionEvent> eventFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventFor);
        var hash = CallbackTokens.Hash(token);
        var wire = WireNames.Of(kind);
        for (var attempt = 1; ; attempt++)
        {
            var row = await db.Tokens.FirstOrDefaultAsync(t => t.Hash == hash && t.Kind == wire, cancellationToken).ConfigureAwait(false);
            switch (row?.State)
            {
                case null:
                    return new TokenOutcome(TokenOutcomeKind.Unknown, null);
                case TokenStates.Accepted:
                    return new TokenOutcome(row.AcceptedBodyHash == bodyHash ? TokenOutcomeKind.Duplicate : TokenOutcomeKind.Conflict, row);
                case TokenStates.Voided:
                    return new TokenOutcome(TokenOutcomeKind.Gone, row);
            }

            var loaded = await LoadAsync(row.ExecutionId, cancellationToken).ConfigureAwait(false);
            var evt = eventFor(row);
            var result = loaded is null ? null : StepFunction.Step(loaded.State, evt, time.GetUtcNow());
            if (loaded is null || result is null || ReferenceEquals(result.Next, loaded.State))
            {
                // The task no longer waits for this token. Void it only if it is still ACTIVE: a
                // concurrent request may have just been accepted with it (then this is a duplicate).
                await db.Tokens.Where(t => t.Hash == hash && t.State == TokenStates.Active)
                    .ExecuteUpdateAsync(t => t.SetProperty(x => x.State, TokenStates.Voided), cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                continue;
            }

            row.State = TokenStates.Accepted;
            row.AcceptedBodyHash = bodyHash;
            if (await SaveAsync(loaded, evt, result, attempt, cancellationToken).ConfigureAwait(false))
            {
                return new TokenOutcome(TokenOutcomeKind.Accepted, row);
            }
        }
    }

    /// <summary>A delegate's heartbeat: 404 unknown, 410 when its task no longer waits; otherwise the deadline moves.</summary>
    public async Task<TokenOutcomeKind> HeartbeatAsync(string token, CancellationToken cancellationToken)
    {
        var hash = CallbackTokens.Hash(token);
        var kind = WireNames.Of(WaitKind.Callback);
        var row = await db.Tokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash && t.Kind == kind, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return TokenOutcomeKind.Unknown;
        }

        if (row.State != TokenStates.Active)
        {
            return TokenOutcomeKind.Gone;
        }

        await StepAsync(row.ExecutionId, new HeartbeatReceived(row.Task, row.Attempt), cancellationToken).ConfigureAwait(false);
        return TokenOutcomeKind.Accepted;
    }

    private async Task<LoadedExecution?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var execution = await db.Executions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        if (execution is null)
        {
            return null;
        }

        var tasks = await db.TaskDetails.Where(t => t.ExecutionId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var definition = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.Id == execution.DefinitionId).Select(d => d.DefinitionJson)
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        return new LoadedExecution(execution, tasks, ExecutionMapper.ToState(execution, tasks, plans.Get(execution.DefinitionId, definition)));
    }

    /// <returns>False when the step lost a race and must be re-run on fresh state.</returns>
    private async Task<bool> SaveAsync(LoadedExecution loaded, ExecutionEvent evt, StepResult result, int attempt, CancellationToken cancellationToken)
    {
        var (execution, tasks, _) = loaded;
        var now = time.GetUtcNow();
        var wasFinished = loaded.State.IsFinished;
        var waitingChildren = tasks.Where(t => t.Action == "workflow" && t.State == WireNames.Of(TaskDetailStatus.Waiting))
            .Select(t => (t.Name, t.Attempt)).ToList();
        ExecutionMapper.Apply(result.Next, execution, now);
        execution.RowVersion++;
        var changed = tasks.Where(t => result.Next.Tasks[t.Name].Version != t.Version).ToList();
        foreach (var task in changed)
        {
            ExecutionMapper.Apply(result.Next.Tasks[task.Name], task);
        }

        await SettleWaitsAsync(execution.Id, evt, changed, result.Next, cancellationToken).ConfigureAwait(false);
        var (timers, outbox) = AddEffects(execution.Id, result.Effects, now);
        if (!wasFinished && result.Next.IsFinished && execution.ParentExecutionId is not null)
        {
            outbox.Add(db.Outbox.Add(ChildNotices.ToParent(execution, result.Next, now)).Entity);
        }

        foreach (var (name, childAttempt) in waitingChildren)
        {
            var task = result.Next.Tasks[name];
            if (result.Next.Status == ExecutionStatus.Cancelled || task.Status is not (TaskDetailStatus.Waiting or TaskDetailStatus.Success) || task.Attempt != childAttempt)
            {
                outbox.Add(db.Outbox.Add(ChildNotices.ToChild(execution.Id, name, childAttempt, now)).Entity);
            }
        }

        try
        {
            await CommitAsync(execution.Id, now, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (attempt < MaxStepAttempts)
        {
            // Lost the race: the row version moved, or the winner's history rows already hold our seq numbers.
            db.ChangeTracker.Clear();
            _compactions.Clear();
            _history.Clear();
            return false;
        }

        dispatcher.Dispatch(new StepCommit(execution, timers, outbox));
        return true;
    }

    /// <summary>
    /// The fired timer becomes FIRED; timers and tokens whose task has moved on (completed, reverted,
    /// retried, timed out) become CANCELLED / VOIDED, so nothing wakes or completes a task that no
    /// longer waits; a finished execution keeps none; a heartbeat replaces the previous deadline.
    /// </summary>
    private async Task SettleWaitsAsync(
        Guid id, ExecutionEvent evt, List<TaskDetailEntity> changed, ExecutionState next, CancellationToken cancellationToken)
    {
        var all = next.IsFinished;
        if (!all && changed.Count == 0 && evt is not (TimerFired or HeartbeatReceived))
        {
            return;
        }

        var names = changed.Select(t => t.Name).Append(EventTask(evt)).OfType<string>().Distinct().ToList();
        var timers = await db.Timers
            .Where(t => t.ExecutionId == id && t.State == TimerStates.Pending && (all || names.Contains(t.Task)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var timer in timers)
        {
            if (evt is TimerFired f && timer.Task == f.Task && timer.Attempt == f.Attempt && timer.Kind == WireNames.Of(f.Kind))
            {
                timer.State = TimerStates.Fired;
            }
            else if (all || !IsLive(timer, next.Tasks[timer.Task])
                || (evt is HeartbeatReceived h && timer.Task == h.Task && timer.Kind == WireNames.Of(TimerKind.Heartbeat)))
            {
                timer.State = TimerStates.Cancelled;
            }
        }

        var tokens = await db.Tokens
            .Where(t => t.ExecutionId == id && t.State == TokenStates.Active && (all || names.Contains(t.Task)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var token in tokens.Where(t => db.Entry(t).State == EntityState.Unchanged))
        {
            var task = next.Tasks[token.Task];
            if (all || task.Status != TaskDetailStatus.Waiting || task.Attempt != token.Attempt)
            {
                token.State = TokenStates.Voided;
            }
        }
    }

    private static string? EventTask(ExecutionEvent evt) => evt switch
    {
        TimerFired e => e.Task,
        HeartbeatReceived e => e.Task,
        _ => null,
    };

    /// <summary>Saves the step; with a checkpoint's retention, compacts history in the same transaction.</summary>
    private async Task CommitAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        var history = _history.ToList();
        var compactions = _compactions.ToList();
        _history.Clear();
        _compactions.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The execution row goes first: its row-version check is what makes a concurrent step lose.
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await HistoryInserts.InsertAsync(db, history, cancellationToken).ConfigureAwait(false);
        foreach (var compaction in compactions)
        {
            await CompactAsync(id, compaction, now, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// SPEC §5.6: history older than the N-th most recent passage of the checkpoint, or older than
    /// keep_for, becomes one <c>history_compacted</c> entry {removed, up_to_seq}, at seq up_to_seq.
    /// </summary>
    private async Task CompactAsync(Guid id, CompactHistory compaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reached = WireNames.Of(CheckpointStatus.Reached);
        var passages = await db.History.AsNoTracking()
            .Where(h => h.ExecutionId == id && h.Subject == "checkpoint" && h.Name == compaction.Checkpoint && h.To == reached)
            .OrderByDescending(h => h.Seq).Select(h => h.Seq)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        long? cut = compaction.KeepCheckpoints is { } keep && passages.Count >= keep ? passages[keep - 1] : null;
        DateTime? before = compaction.KeepFor is { } keepFor ? (now - keepFor).UtcDateTime : null;
        if (cut is null && before is null)
        {
            return;
        }

        var old = db.History.Where(h => h.ExecutionId == id && ((cut != null && h.Seq < cut) || (before != null && h.At < before)));
        var rows = await old.AsNoTracking().Select(h => new { h.Seq, h.Name, h.Removed }).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0 || (rows.Count == 1 && rows[0].Name == Compacted))
        {
            return;
        }

        var removed = rows.Sum(r => r.Name == Compacted ? r.Removed ?? 0 : 1);
        var upTo = rows.Max(r => r.Seq);
        await old.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in db.ChangeTracker.Entries<HistoryEntity>().Where(e => e.Entity.ExecutionId == id && e.Entity.Seq <= upTo).ToList())
        {
            // Deleted in the database just now; this context must forget them too.
            entry.State = EntityState.Detached;
        }

        db.History.Add(new HistoryEntity
        {
            ExecutionId = id,
            Seq = upTo,
            At = now.UtcDateTime,
            Subject = "execution",
            Name = Compacted,
            To = "COMPACTED",
            Cause = $"retention of checkpoint {compaction.Checkpoint}",
            Removed = removed,
            UpToSeq = upTo,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsLive(TimerEntity timer, TaskDetail task) => WireState.Parse<TimerKind>(timer.Kind) switch
    {
        TimerKind.Wait => task.Status == TaskDetailStatus.Waiting && task.Attempt == timer.Attempt,
        TimerKind.Retry => task.Status == TaskDetailStatus.Retrying && task.Attempt + 1 == timer.Attempt,
        TimerKind.ScopeRetry or TimerKind.Repeat => task.Status == TaskDetailStatus.Pending,
        _ => task.Status is TaskDetailStatus.Running or TaskDetailStatus.Waiting && task.Attempt == timer.Attempt,
    };

    private async Task MarkFiredAsync(Guid id, ExecutionEvent evt, CancellationToken cancellationToken)
    {
        if (evt is TimerFired fired)
        {
            var kind = WireNames.Of(fired.Kind);
            await db.Timers
                .Where(t => t.ExecutionId == id && t.State == TimerStates.Pending && t.Task == fired.Task && t.Attempt == fired.Attempt && t.Kind == kind)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.State, TimerStates.Fired), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks an outbox row done without a step: its work is no longer wanted (the task moved on).</summary>
    public Task MarkOutboxDoneAsync(long outboxId, CancellationToken cancellationToken) =>
        MarkConsumedAsync(outboxId, time.GetUtcNow(), cancellationToken);

    private async Task MarkConsumedAsync(long? outboxId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (outboxId is { } consumed)
        {
            await db.Outbox.Where(o => o.Id == consumed && o.DispatchedAt == null)
                .ExecuteUpdateAsync(o => o.SetProperty(x => x.DispatchedAt, now.UtcDateTime), cancellationToken).ConfigureAwait(false);
        }
    }

    private TokenEntity NewToken(Guid executionId, AwaitCallback awaited, DateTimeOffset now)
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

    private (List<TimerEntity> Timers, List<OutboxEntity> Outbox) AddEffects(Guid executionId, IEnumerable<Effect> effects, DateTimeOffset now)
    {
        var timers = new List<TimerEntity>();
        var outbox = new List<OutboxEntity>();
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case RecordHistory history:
                    _history.Add(ExecutionMapper.ToEntity(executionId, history.Record));
                    break;
                case ScheduleTimer timer:
                    var row = new TimerEntity
                    {
                        ExecutionId = executionId,
                        Task = timer.Task,
                        Attempt = timer.Attempt,
                        Kind = WireNames.Of(timer.Kind),
                        DueAt = timer.DueAt.UtcDateTime,
                        State = TimerStates.Pending,
                        CreatedAt = now.UtcDateTime,
                    };
                    db.Timers.Add(row);
                    timers.Add(row);
                    break;
                case AwaitCallback awaited:
                    db.Tokens.Add(NewToken(executionId, awaited, now));
                    break;
                case CompactHistory compact:
                    _compactions.Add(compact);
                    break;
                default:
                    var message = ExecutionMapper.ToOutbox(executionId, effect, now);
                    db.Outbox.Add(message);
                    outbox.Add(message);
                    break;
            }
        }

        return (timers, outbox);
    }
}
