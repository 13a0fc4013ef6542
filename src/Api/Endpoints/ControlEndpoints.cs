using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WfaaS.Api.Auth;
using WfaaS.Api.Contracts;
using WfaaS.Api.Validation;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>SPEC §5.5 checkpoint control: <c>revert</c> and <c>run-to</c>.</summary>
internal static class ControlEndpoints
{
    public static RouteGroupBuilder MapControlEndpoints(this RouteGroupBuilder executions)
    {
        executions.MapPost("/{id:guid}/revert", Revert)
            .AddEndpointFilter<ValidationFilter<RevertRequest>>()
            .WithName("RevertExecution")
            .WithSummary("Revert what ran (after a checkpoint), then stop (PAUSED) or resume")
            .RequireAuthorization(Policies.Operator)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        executions.MapPost("/{id:guid}/run-to", RunTo)
            .AddEndpointFilter<ValidationFilter<RunToRequest>>()
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
        var command = new RevertCommand(request?.ToCheckpoint, then == "stop" ? AfterRevert.Stop : AfterRevert.Resume);
        return await CommandAnswers.RunAsync(id, command, store, views.Create(user), cancellationToken);
    }

    private static async Task<Results<Ok<ExecutionResponse>, ProblemHttpResult>> RunTo(
        Guid id, RunToRequest request, ExecutionStore store, WaitingViewFactory views, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        return await CommandAnswers.RunAsync(id, new RunToCommand(request.Checkpoint!), store, views.Create(user), cancellationToken);
    }
}
