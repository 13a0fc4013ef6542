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
public sealed class ExecutionStore(WfaasDbContext db, PlanCache plans, ICommitDispatcher dispatcher, TimeProvider time)
{
    private const int MaxStepAttempts = 20;

    /// <summary>Creates the execution and runs it as far as it goes, in one transaction.</summary>
    public async Task<StartOutcome> StartAsync(StartExecution request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 1; ; attempt++)
        {
            if (request.IdempotencyKey is { } key
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
                IdempotencyKey = request.IdempotencyKey,
                RequestHash = request.RequestHash,
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
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException) when (request.IdempotencyKey is not null && attempt < 3)
            {
                // Two requests with one Idempotency-Key raced; the unique index let one through.
                db.ChangeTracker.Clear();
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
            var execution = await db.Executions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
            if (execution is null)
            {
                return null;
            }

            var tasks = await db.TaskDetails.Where(t => t.ExecutionId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
            var definition = await db.WorkflowDefinitions.AsNoTracking()
                .Where(d => d.Id == execution.DefinitionId).Select(d => d.DefinitionJson)
                .SingleAsync(cancellationToken).ConfigureAwait(false);
            var state = ExecutionMapper.ToState(execution, tasks, plans.Get(execution.DefinitionId, definition));
            var now = time.GetUtcNow();
            var (next, effects) = StepFunction.Step(state, evt, now);
            if (ReferenceEquals(next, state))
            {
                // Nothing to do (a stale or repeated event): still settle what triggered it, so it is not retried for ever.
                await MarkConsumedAsync(consumedOutboxId, now, cancellationToken).ConfigureAwait(false);
                await MarkFiredAsync(id, evt, cancellationToken).ConfigureAwait(false);
                return execution;
            }

            ExecutionMapper.Apply(next, execution, now);
            execution.RowVersion++;
            var changed = tasks.Where(t => next.Tasks[t.Name].Version != t.Version).ToList();
            foreach (var task in changed)
            {
                ExecutionMapper.Apply(next.Tasks[task.Name], task);
            }

            await SettleTimersAsync(id, evt, changed, next, cancellationToken).ConfigureAwait(false);
            if (consumedOutboxId is { } outboxId
                && await db.Outbox.FirstOrDefaultAsync(o => o.Id == outboxId, cancellationToken).ConfigureAwait(false) is { } consumed)
            {
                consumed.DispatchedAt ??= now.UtcDateTime;
            }

            var (timers, outbox) = AddEffects(id, effects, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException) when (attempt < MaxStepAttempts)
            {
                // Lost the race: the row version moved, or the winner's history rows already hold our seq numbers.
                db.ChangeTracker.Clear();
                continue;
            }

            dispatcher.Dispatch(new StepCommit(execution, timers, outbox));
            return execution;
        }
    }

    /// <summary>
    /// The fired timer becomes FIRED; timers whose task has moved on (completed, reverted, retried)
    /// become CANCELLED, so nothing wakes a task that no longer waits.
    /// </summary>
    private async Task SettleTimersAsync(
        Guid id, ExecutionEvent evt, List<TaskDetailEntity> changed, ExecutionState next, CancellationToken cancellationToken)
    {
        if (changed.Count == 0 && evt is not TimerFired)
        {
            return;
        }

        var names = changed.Select(t => t.Name).ToList();
        var pending = await db.Timers
            .Where(t => t.ExecutionId == id && t.State == TimerStates.Pending && names.Contains(t.Task))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (evt is TimerFired fired)
        {
            var kind = WireNames.Of(fired.Kind);
            pending.AddRange(await db.Timers
                .Where(t => t.ExecutionId == id && t.State == TimerStates.Pending && t.Task == fired.Task && t.Attempt == fired.Attempt && t.Kind == kind)
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        foreach (var timer in pending.Distinct())
        {
            if (evt is TimerFired f && timer.Task == f.Task && timer.Attempt == f.Attempt && timer.Kind == WireNames.Of(f.Kind))
            {
                timer.State = TimerStates.Fired;
            }
            else if (!IsLive(timer, next.Tasks[timer.Task]))
            {
                timer.State = TimerStates.Cancelled;
            }
        }
    }

    private static bool IsLive(TimerEntity timer, TaskDetail task) => WireState.Parse<TimerKind>(timer.Kind) switch
    {
        TimerKind.Wait => task.Status == TaskDetailStatus.Waiting && task.Attempt == timer.Attempt,
        TimerKind.Retry => task.Status == TaskDetailStatus.Retrying && task.Attempt + 1 == timer.Attempt,
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

    private (List<TimerEntity> Timers, List<OutboxEntity> Outbox) AddEffects(Guid executionId, IEnumerable<Effect> effects, DateTimeOffset now)
    {
        var timers = new List<TimerEntity>();
        var outbox = new List<OutboxEntity>();
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case RecordHistory history:
                    db.History.Add(ExecutionMapper.ToEntity(executionId, history.Record));
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
