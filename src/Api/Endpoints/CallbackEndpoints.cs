using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using WfaaS.Api.Contracts;
using WfaaS.Api.Validation;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Storage;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>SPEC §6 callback rows: a delegate reports back by token; the token is the capability.</summary>
internal static class CallbackEndpoints
{
    public static RouteGroupBuilder MapCallbackEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/callbacks").WithTags("Callbacks");

        group.MapPost("/{token}", Callback)
            .AllowAnonymous()
            .AddEndpointFilter<ValidationFilter<CallbackRequest>>()
            .WithMetadata(new MalformedWhenInvalid())
            .WithName(nameof(Callback))
            .WithSummary("Complete a delegate task")
            .WithDescription("The first accepted body wins: the same body again answers 200 with duplicate: true and changes nothing; another body answers 409; a token whose task timed out, was cancelled or reverted answers 410.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);

        group.MapPost("/{token}/heartbeat", Heartbeat)
            .AllowAnonymous()
            .WithName(nameof(Heartbeat))
            .WithSummary("Keep a delegate task alive")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        return group;
    }

    private static async Task<Results<Ok<CallbackResponse>, ProblemHttpResult>> Callback(
        string token, CallbackRequest request, ExecutionStore store, CancellationToken cancellationToken)
    {
        var success = request.Status == "success";
        var error = success ? null : new TaskError(request.Error?.Type ?? "CallbackFailure", request.Error?.Message ?? "The external system reported a failure.");
        var outcome = await store.AcceptTokenAsync(
            token,
            WaitKind.Callback,
            BodyHash(request.Status!, request.Result, request.Error?.Type, request.Error?.Message),
            row => new CallbackReceived(row.Task, row.Attempt, success, request.Result, error),
            cancellationToken);
        return TokenAnswers.Answer(outcome, "callback");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Heartbeat(string token, ExecutionStore store, CancellationToken cancellationToken) =>
        await store.HeartbeatAsync(token, cancellationToken) switch
        {
            TokenOutcomeKind.Unknown => Problems.Problems.NotFound("No such callback token."),
            TokenOutcomeKind.Gone => Problems.Problems.Gone("The task of this token no longer waits (it finished, timed out, was cancelled or reverted)."),
            _ => TypedResults.NoContent(),
        };

    internal static string BodyHash(params object?[] parts) =>
        TextHash.Of(string.Join('\u001f', parts.Select(p => p switch
        {
            JsonElement json => json.GetRawText(),
            null => "\u0000",
            _ => p.ToString(),
        })));
}
