using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WfaaS.Api.Hosting;
using WfaaS.Api.Auth;
using WfaaS.Api.Contracts;
using WfaaS.Api.Validation;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>SPEC §6 approval rows: the pending list, and a decision by token.</summary>
internal static class ApprovalEndpoints
{
    public static RouteGroupBuilder MapApprovalEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/approvals").WithTags("Approvals");

        group.MapGet("/", ListApprovals)
            .RequireAuthorization(Policies.Reader)
            .WithName(nameof(ListApprovals))
            .WithSummary("Approvals waiting for a decision")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapPost("/{token}", Decide)
            .AllowAnonymous()
            .AddEndpointFilter<ValidationFilter<ApprovalDecisionRequest>>()
            .WithMetadata(new MalformedWhenInvalid())
            .WithName(nameof(Decide))
            .WithSummary("Approve or reject")
            .WithDescription("`approve` completes the task with {decision, comment, by, decided_at}; `reject` fails it with type ApprovalRejected. The first decision wins.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);

        return group;
    }

    private static async Task<Results<Ok<ApprovalListResponse>, ProblemHttpResult>> ListApprovals(
        string? state,
        ExecutionReader reader,
        CallbackTokens tokens,
        PublicUrls urls,
        ClaimsPrincipal user,
        CapabilityUrls capabilities,
        CancellationToken cancellationToken)
    {
        if (state is not (null or "pending"))
        {
            return Problems.Problems.BadRequest("'state' must be 'pending'.");
        }

        var pending = await reader.PendingApprovalsAsync(cancellationToken);
        var shown = capabilities.ShownTo(user);   // SPEC §8: a reader sees the entries, not the links
        return TypedResults.Ok(new ApprovalListResponse([.. pending.Select(t => new ApprovalResponse(
            t.ExecutionId,
            t.Task,
            t.Prompt,
            Contracts.ContractJson.Parse(t.ApproversJson),
            Contracts.ContractJson.Utc(t.CreatedAt),
            Contracts.ContractJson.Utc(t.DueAt),
            shown ? urls.Approve(tokens.TokenFor(t.Nonce)) : null))]));
    }

    private static async Task<Results<Ok<CallbackResponse>, ProblemHttpResult>> Decide(
        string token, ApprovalDecisionRequest request, ExecutionStore store, CancellationToken cancellationToken)
    {
        var approved = request.Decision == "approve";
        var outcome = await store.AcceptTokenAsync(
            token,
            WaitKind.Approval,
            CallbackEndpoints.BodyHash(request.Decision, request.Comment, request.By),
            row => new ApprovalDecided(row.Task, row.Attempt, approved, request.Comment, request.By),
            cancellationToken);
        return TokenAnswers.Answer(outcome, "approval");
    }
}
