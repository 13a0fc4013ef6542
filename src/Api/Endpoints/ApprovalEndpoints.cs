using System.Security.Claims;
using System.Text.Json;
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
            .WithDescription("`approve` counts towards the quorum (default 1) and, once it is reached, completes the task with "
                + "{decision, comment, by, decided_at, decisions}; `reject` fails it with type ApprovalRejected. With `approvers`, "
                + "each link decides as its approver (a different `by` is a 422); a link used once is a duplicate or a conflict, "
                + "and once the task is decided the other links answer 410.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        return group;
    }

    /// <summary>
    /// The pending approvals as the list shows them: one entry per waiting task, with a link for
    /// each approver who has not decided yet, or the one link; links only when <paramref name="shown"/> (SPEC §8).
    /// </summary>
    public static IReadOnlyList<ApprovalResponse> Pending(IEnumerable<PendingApproval> pending, PublicUrls urls, bool shown) =>
    [
        .. pending.Select(p => new ApprovalResponse(
            p.ExecutionId,
            p.Task,
            p.Prompt,
            p.Approvers.IsEmpty ? null : ContractJson.Parse(JsonSerializer.Serialize(p.Approvers)),
            p.Quorum,
            p.RequestedAt,
            p.DueAt,
            shown && p.SharedToken is { } shared ? urls.Approve(shared) : null,
            shown && p.ApproverTokens.Count > 0 ? p.ApproverTokens.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => urls.Approve(t.Value), StringComparer.Ordinal) : null)),
    ];

    private static async Task<Results<Ok<ApprovalListResponse>, ProblemHttpResult>> ListApprovals(
        string? state,
        ExecutionReader reader,
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
        return TypedResults.Ok(new ApprovalListResponse(Pending(pending, urls, capabilities.ShownTo(user))));   // SPEC §8: a reader sees the entries, not the links
    }

    private static async Task<Results<Ok<CallbackResponse>, ProblemHttpResult>> Decide(
        string token, ApprovalDecisionRequest request, ExecutionReader reader, ExecutionStore store, CancellationToken cancellationToken)
    {
        var row = await reader.TokenAsync(token, WaitKind.Approval, cancellationToken);
        if (row?.Approver is { } approver && request.By is { } by && !string.Equals(by, approver, StringComparison.Ordinal))
        {
            // SPEC §3.4.1: the link decides as its approver; a body claiming someone else is refused.
            return Problems.Problems.Validation("This link decides as its approver.", [new("by", $"must be '{approver}' (the approver of this link) or left out")]);
        }

        return await DecideAsync(token, request.Decision == "approve", request.Comment, row?.Approver ?? request.By, store, cancellationToken);
    }

    /// <summary>A decision by token, shared with the approval page; <paramref name="by"/> is the link's approver when it has one.</summary>
    public static async Task<Results<Ok<CallbackResponse>, ProblemHttpResult>> DecideAsync(
        string token, bool approved, string? comment, string? by, ExecutionStore store, CancellationToken cancellationToken)
    {
        var outcome = await store.AcceptTokenAsync(
            token,
            WaitKind.Approval,
            CallbackEndpoints.BodyHash(approved ? "approve" : "reject", comment, by),
            row => new ApprovalDecided(row.Task, row.Attempt, approved, comment, by),
            cancellationToken);
        return TokenAnswers.Answer(outcome, "approval");
    }
}
