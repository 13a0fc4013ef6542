using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using WfaaS.Api.Auth;
using WfaaS.Api.Contracts;
using WfaaS.Scheduler.Triggers;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Triggers;

namespace WfaaS.Api.Endpoints;

/// <summary>SPEC §6 trigger rows: cron triggers as Hangfire recurring jobs, recorded in our tables.</summary>
internal static partial class TriggerEndpoints
{
    public static RouteGroupBuilder MapTriggerEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/triggers").WithTags("Triggers");

        group.MapPost("/", CreateTrigger)
            .WithName(nameof(CreateTrigger))
            .WithSummary("Start a workflow on a cron schedule")
            .RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", ListTriggers)
            .WithName(nameof(ListTriggers))
            .WithSummary("List triggers")
            .RequireAuthorization(Policies.Reader);

        group.MapGet("/{name}", GetTrigger)
            .WithName(nameof(GetTrigger))
            .WithSummary("One trigger")
            .RequireAuthorization(Policies.Reader)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{name}", DeleteTrigger)
            .WithName(nameof(DeleteTrigger))
            .WithSummary("Delete a trigger")
            .RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static async Task<Results<Created<TriggerResponse>, ProblemHttpResult>> CreateTrigger(
        TriggerRequest request, TriggerStore triggers, DefinitionStore definitions, TriggerSchedule schedule,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<KeyValuePair<string, string>>(TriggerSchedule.Check(request.Cron, request.TimeZone));
        if (request.Name is null || !Name().IsMatch(request.Name))
        {
            errors.Add(new("name", "'name' must start with a letter and hold at most 100 letters, digits, '_', '.' or '-'."));
        }

        var input = request.Input is { ValueKind: JsonValueKind.Object } given ? given : JsonDocument.Parse("{}").RootElement;
        if (request.Input is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            errors.Add(new("input", "'input' must be an object."));
        }

        var definition = string.IsNullOrEmpty(request.Workflow) ? null : await definitions.FindRefAsync(request.Workflow, version: null, cancellationToken);
        if (definition is null)
        {
            errors.Add(new("workflow", $"Workflow '{request.Workflow}' does not exist."));
        }
        else
        {
            errors.AddRange((await definitions.PlanAsync(definition.Id, cancellationToken)).Definition.Input
                .Where(name => !input.TryGetProperty(name, out _))
                .Select(name => new KeyValuePair<string, string>($"input.{name}", $"'{name}' is required by workflow '{definition.Name}'.")));
        }

        if (errors.Count > 0)
        {
            return Problems.Problems.Validation("The trigger is invalid.", errors);
        }

        var trigger = new TriggerEntity
        {
            Name = request.Name!,
            Workflow = request.Workflow!,
            InputJson = input.GetRawText(),
            Cron = request.Cron!.Trim(),
            TimeZone = request.TimeZone,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        if (!await triggers.CreateAsync(trigger, cancellationToken))
        {
            return Problems.Problems.Conflict($"Trigger '{trigger.Name}' exists; delete it first.");
        }

        schedule.Schedule(trigger);
        return TypedResults.Created($"/api/v1/triggers/{Uri.EscapeDataString(trigger.Name)}", TriggerResponse.From(trigger, schedule.NextRun(trigger)));
    }

    private static async Task<Ok<TriggerListResponse>> ListTriggers(TriggerStore triggers, TriggerSchedule schedule, CancellationToken cancellationToken)
    {
        var all = await triggers.ListAsync(cancellationToken);
        return TypedResults.Ok(new TriggerListResponse([.. all.Select(t => TriggerResponse.From(t, schedule.NextRun(t)))]));
    }

    private static async Task<Results<Ok<TriggerResponse>, ProblemHttpResult>> GetTrigger(
        string name, TriggerStore triggers, TriggerSchedule schedule, CancellationToken cancellationToken) =>
        await triggers.FindAsync(name, cancellationToken) is { } trigger
            ? TypedResults.Ok(TriggerResponse.From(trigger, schedule.NextRun(trigger)))
            : Problems.Problems.NotFound($"Trigger '{name}' does not exist.");

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTrigger(
        string name, TriggerStore triggers, TriggerSchedule schedule, CancellationToken cancellationToken)
    {
        if (!await triggers.DeleteAsync(name, cancellationToken))
        {
            return Problems.Problems.NotFound($"Trigger '{name}' does not exist.");
        }

        schedule.Unschedule(name);
        return TypedResults.NoContent();
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex Name();
}
