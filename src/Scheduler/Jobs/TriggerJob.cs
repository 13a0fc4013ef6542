using System.Text.Json;
using Microsoft.Extensions.Logging;
using WfaaS.Storage;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Executions;
using WfaaS.Storage.Triggers;

namespace WfaaS.Scheduler.Jobs;

/// <summary>Hangfire recurring job of one trigger: starts the workflow's latest version with the trigger's input.</summary>
public sealed class TriggerJob(TriggerStore triggers, DefinitionStore definitions, ExecutionStore executions, ILogger<TriggerJob> logger)
{
    public async Task FireAsync(string name, CancellationToken cancellationToken)
    {
        var trigger = await triggers.FindAsync(name, cancellationToken).ConfigureAwait(false);
        if (trigger is null)
        {
            return;
        }

        var definition = await definitions.FindRefAsync(trigger.Workflow, version: null, cancellationToken).ConfigureAwait(false);
        if (definition is null)
        {
            Log.TriggerWorkflowMissing(logger, name, trigger.Workflow);
            return;
        }

        using var input = JsonDocument.Parse(trigger.InputJson);
        var hash = TextHash.Of($"trigger\n{name}\n{trigger.InputJson}");
        var plan = await definitions.PlanAsync(definition.Id, cancellationToken).ConfigureAwait(false);
        await executions.StartAsync(new StartExecution(definition, plan, input.RootElement.Clone(), null, null, hash), cancellationToken).ConfigureAwait(false);
    }
}
