namespace WfaaS.Api.Endpoints;

/// <summary>
/// The JSON Schema (draft 2020-12) of the definition language, at a stable URL for editors
/// (<c># yaml-language-server: $schema=…</c>) and for the OpenAPI document's definition bodies.
/// Public like the Swagger document: it describes the language, not any stored data.
/// </summary>
internal static class SchemaEndpoints
{
    public const string WorkflowSchemaPath = "/api/v1/schemas/workflow.json";

    public static string WorkflowSchema { get; } = ReadWorkflowSchema();

    public static RouteGroupBuilder MapSchemaEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/schemas").WithTags("Schemas");
        group.MapGet("/workflow.json", GetWorkflowSchema)
            .AllowAnonymous()
            .WithName(nameof(GetWorkflowSchema))
            .WithSummary("The JSON Schema (draft 2020-12) of a workflow definition")
            .WithDescription("Structure only; POST /workflows/validate also checks data flow, cycles and conditions. docs/definitions.md is the reference.")
            .Produces<string>(StatusCodes.Status200OK, "application/schema+json");
        return group;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult GetWorkflowSchema() => TypedResults.Text(WorkflowSchema, "application/schema+json");

    private static string ReadWorkflowSchema()
    {
        using var stream = typeof(SchemaEndpoints).Assembly.GetManifestResourceStream("WfaaS.Api.Schemas.workflow.schema.json")
            ?? throw new InvalidOperationException("The workflow schema is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
