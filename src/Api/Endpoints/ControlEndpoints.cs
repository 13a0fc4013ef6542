using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WfaaS.Api.Auth;
using WfaaS.Api.Contracts;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>SPEC §5.5 checkpoint control: <c>revert</c> and <c>run-to</c>.</summary>
internal static class ControlEndpoints
{
    public static RouteGroupBuilder MapControlEndpoints(this RouteGroupBuilder executions)
    {
        executions.MapPost("/{id:guid}/revert", Revert)
            .WithName("RevertExecution")
            .WithSummary("Revert what ran (after a checkpoint), then stop (PAUSED) or resume")
            .RequireAuthorization(Policies.Operator)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        executions.MapPost("/{id:guid}/run-to", RunTo)
            .WithName("RunToCheckpoint")
            .WithSummary("Run forward to a checkpoint, or revert back to it; then PAUSED there")
            .RequireAuthorization(Policies.Operator)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        return executions;
    }

    private static async Task<Results<Ok<ExecutionResponse>, ProblemHttpResult>> Revert(
        Guid id, RevertRequest? request, ExecutionStore store, WaitingViewFactory views, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var then = request?.Then ?? "stop";
        if (then is not ("stop" or "resume"))
        {
            return Problems.Problems.Validation("The revert request is invalid.", [new("then", "'then' must be 'stop' or 'resume'.")]);
        }

        var checkpoint = request?.ToCheckpoint;
        var command = new RevertCommand(checkpoint, then == "stop" ? AfterRevert.Stop : AfterRevert.Resume);
        var (outcome, refused) = await store.ControlAsync(id, command, state =>
        {
            if (checkpoint is not null && !state.Checkpoints.TryGetValue(checkpoint, out _))
            {
                return (422, $"Workflow '{state.Plan.Definition.Name}' has no checkpoint '{checkpoint}'.");
            }

            if (!ExecutionTransitions.Table.Allows(state.Status, ExecutionTrigger.Revert))
            {
                return (409, $"Cannot revert an execution that is {WireNames.Of(state.Status)}.");
            }

            return checkpoint is not null && state.Checkpoints[checkpoint] != CheckpointStatus.Reached
                ? (409, $"Checkpoint '{checkpoint}' is not reached.")
                : null;
        }, cancellationToken);
        return await AnswerAsync(id, outcome, refused, views.Create(user), cancellationToken);
    }

    private static async Task<Results<Ok<ExecutionResponse>, ProblemHttpResult>> RunTo(
        Guid id, RunToRequest request, ExecutionStore store, WaitingViewFactory views, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Checkpoint))
        {
            return Problems.Problems.Validation("The run-to request is invalid.", [new("checkpoint", "'checkpoint' is required.")]);
        }

        var checkpoint = request.Checkpoint;
        var (outcome, refused) = await store.ControlAsync(id, new RunToCommand(checkpoint), state =>
        {
            if (!state.Checkpoints.TryGetValue(checkpoint, out var reached))
            {
                return (422, $"Workflow '{state.Plan.Definition.Name}' has no checkpoint '{checkpoint}'.");
            }

            var trigger = reached == CheckpointStatus.Reached ? ExecutionTrigger.Revert : ExecutionTrigger.RunTo;
            return ExecutionTransitions.Table.Allows(state.Status, trigger)
                ? null
                : (409, $"Cannot run an execution that is {WireNames.Of(state.Status)} to checkpoint '{checkpoint}'.");
        }, cancellationToken);
        return await AnswerAsync(id, outcome, refused, views.Create(user), cancellationToken);
    }

    private static async Task<Results<Ok<ExecutionResponse>, ProblemHttpResult>> AnswerAsync(
        Guid id, CommandOutcome outcome, (int Status, string Detail)? refused, WaitingView waiting, CancellationToken cancellationToken)
    {
        if (outcome.Execution is not { } execution)
        {
            return Problems.Problems.NotFound($"Execution '{id}' does not exist.");
        }

        return refused switch
        {
            (422, var detail) => Problems.Problems.Validation(detail, [new("checkpoint", detail)]),
            ({ } _, var detail) => Problems.Problems.Conflict(detail),
            _ => TypedResults.Ok(await waiting.ResponseAsync(execution, cancellationToken)),
        };
    }
}
