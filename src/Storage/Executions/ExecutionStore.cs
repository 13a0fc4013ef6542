using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage.Executions;

/// <summary>
/// The transactional unit of SPEC §1: load → step → save the execution row (its task details
/// included), the step's history chunk, timers, tokens and outbox in one transaction. A step that
/// loses the row-version race writes nothing and is re-run on fresh state.
/// </summary>
public sealed class ExecutionStore(
    WfaasDbContext db, HotReads reads, DefinitionStore definitions, CallbackTokens tokens, ICommitDispatcher dispatcher, IStepWriter writer, RowSql sql, TimeProvider time)
{
    private const int MaxStepAttempts = 20;

    /// <summary>The columns a step may change; the others are fixed when the execution is created.</summary>
    private static readonly System.Reflection.PropertyInfo[] StepColumns = [.. new[]
    {
        nameof(ExecutionEntity.State), nameof(ExecutionEntity.RowVersion), nameof(ExecutionEntity.OutputJson), nameof(ExecutionEntity.ErrorJson),
        nameof(ExecutionEntity.Checkpoint), nameof(ExecutionEntity.StopAt), nameof(ExecutionEntity.RevertTo), nameof(ExecutionEntity.AfterRevert),
        nameof(ExecutionEntity.ScopeRetriesJson), nameof(ExecutionEntity.RetryingScope), nameof(ExecutionEntity.ScopeHold), nameof(ExecutionEntity.Runs),
        nameof(ExecutionEntity.RepeatHold), nameof(ExecutionEntity.SymbolsJson), nameof(ExecutionEntity.CheckpointsJson), nameof(ExecutionEntity.TasksJson),
        nameof(ExecutionEntity.LastSeq), nameof(ExecutionEntity.UpdatedAt), nameof(ExecutionEntity.FinishedAt),
    }.Select(name => typeof(ExecutionEntity).GetProperty(name)!)];

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
                    ? new StartOutcome(StartOutcomeKind.Existing, existing)
                    : new StartOutcome(StartOutcomeKind.KeyReused, null);
            }

            var now = time.GetUtcNow();
            var plan = request.Plan;
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
                TasksJson = "[]",
                IdempotencyKey = key,
                RequestHash = request.RequestHash,
                ParentExecutionId = request.Parent?.ExecutionId,
                ParentTask = request.Parent?.Task,
                ParentAttempt = request.Parent?.Attempt,
                CreatedAt = now.UtcDateTime,
            };
            ExecutionMapper.Apply(next, execution, now);

            var step = new StepStatements(sql, tokens, id, now);
            step.SetExecution(sql.Insert(execution));
            step.AddEffects(effects);
            if (next.IsFinished && execution.ParentExecutionId is not null)
            {
                step.AddOutbox(ChildNotices.ToParent(execution, next, now));
            }

            if (await CommitAsync(execution, step, cancellationToken).ConfigureAwait(false))
            {
                return new StartOutcome(StartOutcomeKind.Created, execution, new ExecutionWaits(step.Tokens, step.Timers));
            }

            if (key is null || attempt >= 3)
            {
                throw new InvalidOperationException($"Execution {id} could not be inserted.");
            }

            // Two requests with one Idempotency-Key raced; the unique index let one through.
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

            var now = time.GetUtcNow();
            var result = StepFunction.Step(loaded.State, evt, now);
            var step = new StepStatements(sql, tokens, id, now);
            if (consumedOutboxId is { } outboxId)
            {
                step.Add(OutboxDone(outboxId, now));
            }

            if (ReferenceEquals(result.Next, loaded.State) && result.Effects.IsEmpty)
            {
                // Nothing to do (a stale or repeated event): still settle what triggered it, so it is not retried for ever.
                if (evt is TimerFired fired)
                {
                    step.Add(TimerFiredStatement(id, fired));
                }

                if (!step.IsEmpty)
                {
                    await writer.WriteStatementsAsync([.. step.Statements], cancellationToken).ConfigureAwait(false);
                }

                return loaded.Execution;
            }

            if (await SaveAsync(loaded, evt, result, step, cancellationToken).ConfigureAwait(false) is { } saved)
            {
                return saved;
            }

            ThrowIfExhausted(id, attempt);
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
            var now = time.GetUtcNow();
            var result = StepFunction.Step(loaded.State, evt, now);
            if (await SaveAsync(loaded, evt, result, new StepStatements(sql, tokens, id, now), cancellationToken).ConfigureAwait(false) is { } saved)
            {
                return new CommandOutcome(saved, Applied: true);
            }

            ThrowIfExhausted(id, attempt);
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

            var now = time.GetUtcNow();
            var result = StepFunction.Step(loaded.State, command, now);
            if (ReferenceEquals(result.Next, loaded.State))
            {
                return (new CommandOutcome(loaded.Execution, Applied: false), (409, $"The command does not apply to an execution that is {loaded.Execution.State}."));
            }

            if (await SaveAsync(loaded, command, result, new StepStatements(sql, tokens, id, now), cancellationToken).ConfigureAwait(false) is { } saved)
            {
                return (new CommandOutcome(saved, Applied: true), null);
            }

            ThrowIfExhausted(id, attempt);
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

            var loaded = await LoadAsync(row.ExecutionId, cancellationToken).ConfigureAwait(false);
            var evt = eventFor(row);
            var now = time.GetUtcNow();
            var result = loaded is null ? null : StepFunction.Step(loaded.State, evt, now);
            var step = new StepStatements(sql, tokens, row.ExecutionId, now);
            if (loaded is null || result is null || ReferenceEquals(result.Next, loaded.State))
            {
                // The task no longer waits for this token. Void it only if it is still ACTIVE: a
                // concurrent request may have just been accepted with it (then this is a duplicate).
                step.VoidToken(hash);
                await writer.WriteStatementsAsync([.. step.Statements], cancellationToken).ConfigureAwait(false);
                continue;
            }

            step.Add(sql.Update<TokenEntity>(
                [(nameof(TokenEntity.State), TokenStates.Accepted), (nameof(TokenEntity.AcceptedBodyHash), bodyHash)],
                [(nameof(TokenEntity.Hash), hash), (nameof(TokenEntity.State), TokenStates.Active)]) with { ExpectedRows = 1 });
            if (await SaveAsync(loaded, evt, result, step, cancellationToken).ConfigureAwait(false) is not null)
            {
                row.State = TokenStates.Accepted;
                row.AcceptedBodyHash = bodyHash;
                return new TokenOutcome(TokenOutcomeKind.Accepted, row);
            }

            ThrowIfExhausted(row.ExecutionId, attempt);
        }
    }

    /// <summary>A delegate's heartbeat: 404 unknown, 410 when its task no longer waits; otherwise the deadline moves.</summary>
    public async Task<TokenOutcomeKind> HeartbeatAsync(string token, CancellationToken cancellationToken)
    {
        var row = await reads.TokenAsync(db, CallbackTokens.Hash(token), WireNames.Of(WaitKind.Callback), cancellationToken).ConfigureAwait(false);
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

    /// <summary>Marks an outbox row done without a step: its work is no longer wanted (the task moved on).</summary>
    public Task MarkOutboxDoneAsync(long outboxId, CancellationToken cancellationToken)
    {
        var statements = new[] { OutboxDone(outboxId, time.GetUtcNow()) };
        return writer.WriteStatementsAsync(statements, cancellationToken);
    }

    private async Task<LoadedExecution?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await reads.ExecutionAsync(db, id, cancellationToken).ConfigureAwait(false) is not { } execution)
        {
            return null;
        }

        return new LoadedExecution(execution, ExecutionMapper.ToState(execution, await definitions.PlanAsync(execution.DefinitionId, cancellationToken).ConfigureAwait(false)));
    }

    /// <returns>The updated row, or null when the step lost a race and must be re-run on fresh state.</returns>
    private async Task<ExecutionEntity?> SaveAsync(
        LoadedExecution loaded, ExecutionEvent evt, StepResult result, StepStatements step, CancellationToken cancellationToken)
    {
        var (execution, before) = loaded;
        var now = time.GetUtcNow();
        var expectedVersion = execution.RowVersion;
        ExecutionMapper.Apply(result.Next, execution, now);
        execution.RowVersion = expectedVersion + 1;

        step.SetExecution(sql.Update<ExecutionEntity>(
            [.. StepColumns.Select(c => (c.Name, c.GetValue(execution)))],
            [(nameof(ExecutionEntity.Id), execution.Id), (nameof(ExecutionEntity.RowVersion), expectedVersion)]) with { ExpectedRows = 1 });

        var changed = result.Next.Tasks.Values.Where(t => before.Tasks[t.Name].Version != t.Version).Select(t => t.Name);
        foreach (var statement in WaitSettlement.Statements(sql, execution.Id, evt, result.Next, changed))
        {
            step.Add(statement);
        }

        step.AddEffects(result.Effects);
        if (!before.IsFinished && result.Next.IsFinished && execution.ParentExecutionId is not null)
        {
            step.AddOutbox(ChildNotices.ToParent(execution, result.Next, now));
        }

        foreach (var task in before.Tasks.Values.Where(t => before.Plan.Task(t.Name).Node.Action == "workflow" && t.Status == TaskDetailStatus.Waiting))
        {
            var after = result.Next.Tasks[task.Name];
            if (result.Next.Status == ExecutionStatus.Cancelled || after.Status is not (TaskDetailStatus.Waiting or TaskDetailStatus.Success) || after.Attempt != task.Attempt)
            {
                step.AddOutbox(ChildNotices.ToChild(execution.Id, task.Name, task.Attempt, now));
            }
        }

        return await CommitAsync(execution, step, cancellationToken).ConfigureAwait(false) ? execution : null;
    }

    /// <summary>Commits the step (its compactions read history inside the transaction), then hands its timers and outbox rows on.</summary>
    private async Task<bool> CommitAsync(ExecutionEntity execution, StepStatements step, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var written = step.Compactions.Count == 0
            ? await writer.WriteStatementsAsync([.. step.Statements], cancellationToken).ConfigureAwait(false)
            : await writer.WriteAsync(
                async (transaction, ct) =>
                {
                    if (!await transaction.ExecuteAsync(step.Statements, ct).ConfigureAwait(false))
                    {
                        return false;
                    }

                    foreach (var compaction in step.Compactions)
                    {
                        await HistoryRetention.CompactAsync(transaction, sql, execution.Id, compaction, now, ct).ConfigureAwait(false);
                    }

                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        if (written)
        {
            dispatcher.Dispatch(new StepCommit(execution, step.Timers, step.Outbox));
        }

        return written;
    }

    private Statement TimerFiredStatement(Guid id, TimerFired fired) => sql.Update<TimerEntity>(
        [(nameof(TimerEntity.State), TimerStates.Fired)],
        [
            (nameof(TimerEntity.ExecutionId), id), (nameof(TimerEntity.State), TimerStates.Pending), (nameof(TimerEntity.Task), fired.Task),
            (nameof(TimerEntity.Attempt), fired.Attempt), (nameof(TimerEntity.Kind), WireNames.Of(fired.Kind)),
        ]);

    private Statement OutboxDone(long outboxId, DateTimeOffset now) => sql.Update<OutboxEntity>(
        [(nameof(OutboxEntity.DispatchedAt), now.UtcDateTime)],
        [(nameof(OutboxEntity.Id), outboxId), (nameof(OutboxEntity.DispatchedAt), null)]);

    private static void ThrowIfExhausted(Guid id, int attempt)
    {
        if (attempt >= MaxStepAttempts)
        {
            throw new InvalidOperationException($"Execution {id}: {MaxStepAttempts} steps in a row lost their race; giving up.");
        }
    }
}
