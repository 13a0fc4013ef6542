using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WfaaS.Api.Auth;
using WfaaS.Api.Contracts;
using WfaaS.Api.Definitions;
using WfaaS.Api.OpenApi;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>SPEC §6, workflow definition rows.</summary>
internal static class WorkflowEndpoints
{
    public static RouteGroupBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/workflows").WithTags("Workflows");

        group.MapPost("/", CreateWorkflow)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(CreateWorkflow))
            .WithSummary("Create a workflow, or a new version of it when the text differs")
            .WithDescription("Posts a definition as JSON or YAML. Identical text to the latest version answers 200 with that version; changed text stores a new version (201).")
            .AcceptsDefinition()
            .ProducesDefinitionProblems();

        group.MapPost("/validate", ValidateWorkflow)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ValidateWorkflow))
            .WithSummary("Validate a definition without saving it")
            .WithDescription("Answers 200 {valid: true}, or 422 with every error keyed by its JSON path.")
            .AcceptsDefinition()
            .ProducesDefinitionProblems();

        group.MapGet("/", ListWorkflows)
            .RequireAuthorization(Policies.Reader)
            .WithName(nameof(ListWorkflows))
            .WithSummary("List workflows");

        group.MapGet("/{name}", GetWorkflow)
            .RequireAuthorization(Policies.Reader)
            .WithName(nameof(GetWorkflow))
            .WithSummary("The latest version of a workflow")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{name}/versions/{version:int}", GetWorkflowVersion)
            .RequireAuthorization(Policies.Reader)
            .WithName(nameof(GetWorkflowVersion))
            .WithSummary("One version of a workflow")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{name}", DeleteWorkflow)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(DeleteWorkflow))
            .WithSummary("Delete a workflow and all its versions")
            .WithDescription("The versions stop being listed, read or started; their numbers are never reused (a new post continues after the highest), and executions that ran them still show them.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }

    private static async Task<Results<Created<WorkflowResponse>, Ok<WorkflowResponse>, ProblemHttpResult>> CreateWorkflow(
        HttpRequest request, DefinitionStore store, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (document, definition, problem) = await DefinitionIntake.ReadValidAsync(request, limits.Value.MaxRequestBytes, cancellationToken);
        if (document is null || definition is null)
        {
            return problem ?? throw new InvalidOperationException("Definition intake returned neither a definition nor a problem.");
        }

        var saved = await store.SaveAsync(
            new NewDefinition(definition.Name, document.Text, document.ContentType, document.Root.GetRawText()), cancellationToken);
        var response = WorkflowResponse.From(saved.Definition);
        return saved.Created
            ? TypedResults.Created(VersionLocation(response.Name, response.Version), response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<ValidationResponse>, ProblemHttpResult>> ValidateWorkflow(
        HttpRequest request, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (_, _, problem) = await DefinitionIntake.ReadValidAsync(request, limits.Value.MaxRequestBytes, cancellationToken);
        return problem is null ? TypedResults.Ok(new ValidationResponse(Valid: true)) : problem;
    }

    private static async Task<Ok<WorkflowListResponse>> ListWorkflows(DefinitionStore store, CancellationToken cancellationToken)
    {
        var workflows = await store.ListAsync(cancellationToken);
        return TypedResults.Ok(new WorkflowListResponse([.. workflows.Select(WorkflowSummaryResponse.From)]));
    }

    private static async Task<Results<Ok<WorkflowResponse>, ProblemHttpResult>> GetWorkflow(
        string name, DefinitionStore store, CancellationToken cancellationToken) =>
        await store.FindLatestAsync(name, cancellationToken) is { } stored
            ? TypedResults.Ok(WorkflowResponse.From(stored))
            : await MissingDefinition.ProblemAsync(store, name, version: null, cancellationToken);

    private static async Task<Results<Ok<WorkflowResponse>, ProblemHttpResult>> GetWorkflowVersion(
        string name, int version, DefinitionStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(name, version, cancellationToken) is { } stored
            ? TypedResults.Ok(WorkflowResponse.From(stored))
            : await MissingDefinition.ProblemAsync(store, name, version, cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteWorkflow(
        string name, DefinitionStore store, ExecutionReader executions, CancellationToken cancellationToken)
    {
        if (await executions.AnyUnfinishedAsync(name, cancellationToken))
        {
            return Problems.Problems.Conflict($"Workflow '{name}' has executions that are not finished; cancel them or let them finish first.");
        }

        return await store.DeleteAsync(name, cancellationToken)
            ? TypedResults.NoContent()
            : await MissingDefinition.ProblemAsync(store, name, version: null, cancellationToken);
    }

    private static string VersionLocation(string name, int version) =>
        $"/api/v1/workflows/{Uri.EscapeDataString(name)}/versions/{version}";
}
