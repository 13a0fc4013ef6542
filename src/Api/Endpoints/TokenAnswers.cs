using Microsoft.AspNetCore.Http.HttpResults;
using WfaaS.Api.Contracts;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>SPEC §6 status codes of a token's outcome, shared by callbacks and approvals.</summary>
internal static class TokenAnswers
{
    public static Results<Ok<CallbackResponse>, ProblemHttpResult> Answer(TokenOutcome outcome, string what) => outcome.Kind switch
    {
        TokenOutcomeKind.Accepted => TypedResults.Ok(new CallbackResponse(outcome.Token!.ExecutionId, outcome.Token.Task, Duplicate: false)),
        TokenOutcomeKind.Duplicate => TypedResults.Ok(new CallbackResponse(outcome.Token!.ExecutionId, outcome.Token.Task, Duplicate: true)),
        TokenOutcomeKind.Conflict => Problems.Problems.Conflict($"This {what} token was already used with a different body."),
        TokenOutcomeKind.Gone => Problems.Problems.Gone($"The task of this {what} token no longer waits (it timed out, was cancelled or reverted)."),
        _ => Problems.Problems.NotFound($"No such {what} token."),
    };
}
