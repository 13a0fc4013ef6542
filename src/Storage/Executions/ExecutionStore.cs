using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>
/// The transactional unit of SPEC §1: load → step → save state, task details, history and outbox
/// in one transaction. A step that loses the row-version race is re-run on fresh state.
/// </summary>
public sealed class ExecutionStore(WfaasDbContext db, PlanCache plans, TimeProvider time)
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

            AddEffects(id, effects, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return new StartOutcome(StartOutcomeKind.Created, execution);
            }
            catch (DbUpdateException) when (request.IdempotencyKey is not null && attempt < 3)
            {
                // Two requests with one Idempotency-Key raced; the unique index let one through.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Applies <paramref name="evt"/> to the execution; null when it does not exist.</summary>
    public async Task<ExecutionEntity?> StepAsync(Guid id, ExecutionEvent evt, CancellationToken cancellationToken)
    {
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
                return execution;
            }

            ExecutionMapper.Apply(next, execution, now);
            execution.RowVersion++;
            foreach (var task in tasks.Where(t => next.Tasks[t.Name].Version != t.Version))
            {
                ExecutionMapper.Apply(next.Tasks[task.Name], task);
            }

            AddEffects(id, effects, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return execution;
            }
            catch (DbUpdateException) when (attempt < MaxStepAttempts)
            {
                // Lost the race: the row version moved, or the winner's history rows already hold our seq numbers.
                db.ChangeTracker.Clear();
            }
        }
    }

    private void AddEffects(Guid executionId, IEnumerable<Effect> effects, DateTimeOffset now)
    {
        foreach (var effect in effects)
        {
            if (effect is RecordHistory history)
            {
                db.History.Add(ExecutionMapper.ToEntity(executionId, history.Record));
            }
            else
            {
                db.Outbox.Add(ExecutionMapper.ToOutbox(executionId, effect, now));
            }
        }
    }
}
