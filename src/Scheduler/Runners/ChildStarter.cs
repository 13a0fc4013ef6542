using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Executions;

namespace WfaaS.Scheduler.Runners;

/// <summary>The <c>workflow</c> action (SPEC §3.4): starts the child once per parent attempt, and cancels it with its parent.</summary>
public sealed class ChildStarter(WfaasDbContext db, DefinitionStore definitions, ExecutionStore store)
{
    /// <returns>Null when the child runs (or already ran); otherwise why it cannot start.</returns>
    public async Task<TaskError?> StartAsync(Guid parentId, StartChildExecution start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var definition = await definitions.FindRefAsync(start.Workflow, start.Version, cancellationToken).ConfigureAwait(false);
        if (definition is null)
        {
            return new TaskError("WorkflowNotFound", $"Workflow '{start.Workflow}'{(start.Version is { } v ? $" version {v}" : string.Empty)} does not exist.");
        }

        var input = start.Input is { ValueKind: JsonValueKind.Object } given ? given : JsonDocument.Parse("{}").RootElement;
        var plan = await definitions.PlanAsync(definition.Id, cancellationToken).ConfigureAwait(false);
        var missing = plan.Definition.MissingInputs(input).ToList();
        if (missing.Count > 0)
        {
            return new TaskError("InvalidInput", $"Workflow '{start.Workflow}' needs input {string.Join(", ", missing)}.");
        }

        await store.StartAsync(
            new StartExecution(definition, plan, input, null, null, "child", new ParentLink(parentId, start.Task, start.Attempt)),
            cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task CancelAsync(ParentLink parent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var key = parent.IdempotencyKey;
        var child = await db.Executions.AsNoTracking().Where(e => e.IdempotencyKey == key).Select(e => (Guid?)e.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (child is { } id)
        {
            await store.CommandAsync(id, new OperatorCommand(ExecutionTrigger.Cancel), cancellationToken).ConfigureAwait(false);
        }
    }
}
