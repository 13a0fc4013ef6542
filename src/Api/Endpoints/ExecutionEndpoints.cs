using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WfaaS.Api.Auth;
using WfaaS.Api.Contracts;
using WfaaS.Api.Definitions;
using WfaaS.Api.Validation;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>SPEC §6, execution rows.</summary>
internal static class ExecutionEndpoints
{
    private const int DefaultLimit = 50;

    public static RouteGroupBuilder MapExecutionEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/executions").WithTags("Executions");

        group.MapPost("/", StartExecution)
            .RequireAuthorization(Policies.Operator)
            .WithName(nameof(StartExecution))
            .WithSummary("Start an execution")
            .WithDescription("Runs the workflow's latest version (or `version`) with `input`. Local actions run at once, so a flow of them answers already finished. Send `Idempotency-Key` to make retries safe: the same key and body answer the same execution (200); the same key with another body is refused (422).")
            .AddEndpointFilter<ValidationFilter<StartExecutionRequest>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", ListExecutions)
            .RequireAuthorization(Policies.Reader)
            .WithName(nameof(ListExecutions))
            .WithSummary("List executions, newest first")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{id:guid}", GetExecution)
            .RequireAuthorization(Policies.Reader)
            .WithName(nameof(GetExecution))
            .WithSummary("One execution")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/tasks", GetTasks)
            .RequireAuthorization(Policies.Reader)
            .WithName(nameof(GetTasks))
            .WithSummary("The task details of an execution")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/history", GetHistory)
            .RequireAuthorization(Policies.Reader)
            .WithName(nameof(GetHistory))
            .WithSummary("Every transition of an execution, in seq order")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        foreach (var (path, command) in Commands)
        {
            group.MapPost($"/{{id:guid}}/{path}", (Guid id, ExecutionStore store, WaitingViewFactory views, ClaimsPrincipal user, CancellationToken cancellationToken) =>
                    CommandAnswers.RunAsync(id, new OperatorCommand(command), store, views.Create(user), cancellationToken))
                .WithName($"{char.ToUpperInvariant(path[0])}{path[1..]}Execution")
                .WithSummary(CommandSummaries[path])
                .RequireAuthorization(Policies.Operator)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }

        group.MapControlEndpoints();
        return group;
    }

    private static readonly (string Path, ExecutionTrigger Command)[] Commands =
    [
        ("pause", ExecutionTrigger.Pause),
        ("resume", ExecutionTrigger.Resume),
        ("cancel", ExecutionTrigger.Cancel),
        ("retry", ExecutionTrigger.Retry),
    ];

    private static readonly Dictionary<string, string> CommandSummaries = new(StringComparer.Ordinal)
    {
        ["pause"] = "Pause: no new task starts; work in flight still reports and is recorded",
        ["resume"] = "Resume a paused execution",
        ["cancel"] = "Cancel: final, reverts nothing, voids tokens and timers",
        ["retry"] = "Retry: re-run failed and reverted tasks from where the execution stands",
    };

    private static async Task<Results<Created<ExecutionResponse>, Ok<ExecutionResponse>, ProblemHttpResult>> StartExecution(
        StartExecutionRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        DefinitionStore definitions,
        ExecutionStore store,
        WaitingViewFactory views,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var name = request.Workflow!;
        var definition = await definitions.FindRefAsync(name, request.Version, cancellationToken);
        if (definition is null)
        {
            return await MissingDefinition.ProblemAsync(definitions, name, request.Version, cancellationToken);
        }

        var input = request.Input is { ValueKind: JsonValueKind.Object } given ? given : EmptyObject();
        var plan = await definitions.PlanAsync(definition.Id, cancellationToken);
        if (InputProblem(plan.Definition, input, request.StopAt, plan.CheckpointsByName.Keys) is { } problem)
        {
            return problem;
        }

        if (idempotencyKey is { Length: > 200 })
        {
            return Problems.Problems.BadRequest("Idempotency-Key may hold at most 200 characters.");
        }

        var outcome = await store.StartAsync(
            new StartExecution(definition, plan, input, request.StopAt, idempotencyKey, RequestHash(definition, input, request.StopAt)),
            cancellationToken);
        var waiting = views.Create(user);
        return outcome.Kind switch
        {
            StartOutcomeKind.Created => TypedResults.Created(
                $"/api/v1/executions/{outcome.Execution!.Id}", await waiting.ResponseAsync(outcome.Execution, cancellationToken)),
            StartOutcomeKind.Existing => TypedResults.Ok(await waiting.ResponseAsync(outcome.Execution!, cancellationToken)),
            _ => Problems.Problems.Validation(
                "The Idempotency-Key was already used with a different request.",
                [new("Idempotency-Key", "already used with a different body")]),
        };
    }

    private static async Task<Results<Ok<ExecutionListResponse>, ProblemHttpResult>> ListExecutions(
        string? workflow, string? state, int? limit, string? cursor, ExecutionReader reader, CancellationToken cancellationToken)
    {
        var (request, problem) = PageRequest.Read(limit, cursor, DefaultLimit);
        if (request is null)
        {
            return problem!;
        }

        var page = await reader.ListAsync(new ExecutionFilter(workflow, state?.ToUpperInvariant(), request.Limit, request.Position), cancellationToken);
        var items = page.Items.Select(e => ExecutionResponse.From(e, [])).ToList();
        return TypedResults.Ok(new ExecutionListResponse(items, page.NextBefore is { } next ? Cursor.Encode(next) : null));
    }

    private static async Task<Results<Ok<ExecutionResponse>, ProblemHttpResult>> GetExecution(
        Guid id, ExecutionReader reader, WaitingViewFactory views, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await reader.FindAsync(id, cancellationToken) is { } execution
            ? TypedResults.Ok(await views.Create(user).ResponseAsync(execution, cancellationToken))
            : Problems.Problems.NotFound($"Execution '{id}' does not exist.");

    private static async Task<Results<Ok<TaskListResponse>, ProblemHttpResult>> GetTasks(
        Guid id, ExecutionReader reader, CancellationToken cancellationToken)
    {
        if (await reader.TasksAsync(id, cancellationToken) is not var (execution, tasks))
        {
            return Problems.Problems.NotFound($"Execution '{id}' does not exist.");
        }

        return TypedResults.Ok(new TaskListResponse([.. tasks
            .Select(t => TaskDetailResponse.From(id, execution.State.Plan.NodeOf(t.Name).Action, t))]));
    }

    private static async Task<Results<Ok<HistoryPageResponse>, ProblemHttpResult>> GetHistory(
        Guid id,
        [FromQuery(Name = "after_seq")] long? afterSeq,
        int? limit,
        string? cursor,
        ExecutionReader reader,
        CancellationToken cancellationToken)
    {
        var (request, problem) = PageRequest.Read(limit, cursor, PageRequest.MaxLimit);
        if (request is null)
        {
            return problem!;
        }

        var after = request.Position ?? afterSeq ?? 0;
        if (after < 0)
        {
            return Problems.Problems.BadRequest("'after_seq' must be 0 or more.");
        }

        if (await reader.HistoryAsync(id, after, request.Limit, cancellationToken) is not { } page)
        {
            return Problems.Problems.NotFound($"Execution '{id}' does not exist.");
        }

        return TypedResults.Ok(new HistoryPageResponse(
            [.. page.Items.Select(HistoryEntryResponse.Of)], page.NextAfterSeq is { } next ? Cursor.Encode(next) : null));
    }

    private static ProblemHttpResult? InputProblem(
        Engine.Definitions.WorkflowDefinition definition, JsonElement input, string? stopAt, IEnumerable<string> checkpoints)
    {
        var errors = definition.MissingInputs(input)
            .Select(name => new KeyValuePair<string, string>($"input.{name}", $"'{name}' is required by workflow '{definition.Name}'."))
            .ToList();
        if (stopAt is not null && !checkpoints.Contains(stopAt, StringComparer.Ordinal))
        {
            errors.Add(new("stop_at", $"Workflow '{definition.Name}' has no checkpoint '{stopAt}'."));
        }

        return errors.Count == 0
            ? null
            : Problems.Problems.Validation($"The execution request does not fit workflow '{definition.Name}'.", errors);
    }

    private static string RequestHash(DefinitionRef definition, JsonElement input, string? stopAt) =>
        TextHash.Of($"{definition.Name}\n{definition.Version}\n{stopAt}\n{input.GetRawText()}");

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}
