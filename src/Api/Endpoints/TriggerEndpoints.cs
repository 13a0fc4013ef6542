using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using WfaaS.Api.Auth;
using WfaaS.Api.Contracts;
using WfaaS.Api.Validation;
using WfaaS.Scheduler.Triggers;
using WfaaS.Storage;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Triggers;

namespace WfaaS.Api.Endpoints;

/// <summary>SPEC §6 trigger rows: cron triggers as Hangfire recurring jobs, recorded in our tables.</summary>
internal static class TriggerEndpoints
{
    public static RouteGroupBuilder MapTriggerEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/triggers").WithTags("Triggers");

        group.MapPost("/", CreateTrigger)
            .AddEndpointFilter<ValidationFilter<TriggerRequest>>()
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
        TriggerRequest request, TriggerStore triggers, TriggerSchedule schedule,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var input = request.Input is { ValueKind: JsonValueKind.Object } given ? given : JsonDocument.Parse("{}").RootElement;

        var trigger = new TriggerEntity
        {
            Name = request.Name!,
            Workflow = request.Workflow!,
            InputJson = input.GetRawText(),
            Cron = request.Cron!.Trim(),
            TimeZone = request.TimeZone,
            CreatedAt = StoredTime.Now(time).UtcDateTime,
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
}
