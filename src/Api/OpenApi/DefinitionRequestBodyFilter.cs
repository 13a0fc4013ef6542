using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using WfaaS.Api.Definitions;

namespace WfaaS.Api.OpenApi;

/// <summary>Documents the JSON and YAML bodies of the definition endpoints, with a ready example.</summary>
internal sealed class DefinitionRequestBodyFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<DefinitionBodyMetadata>().Any())
        {
            return;
        }

        var content = new Dictionary<string, IOpenApiMediaType>
        {
            [DefinitionRequestReader.JsonMediaTypes[0]] = new OpenApiMediaType
            {
                // The definition language's own JSON Schema, served beside the API (docs/definitions.md).
                Schema = WorkflowSchemaReference(),
                Example = JsonNode.Parse(DefinitionExamples.Json),
            },
        };
        foreach (var yaml in DefinitionRequestReader.YamlMediaTypes.Take(2))
        {
            content[yaml] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The same definition as YAML." },
                Example = JsonValue.Create(DefinitionExamples.Yaml),
            };
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The definition as JSON (application/json) or YAML (application/yaml, text/yaml).",
            Content = content,
        };
    }

    /// <summary>
    /// <c>{"$ref": "/api/v1/schemas/workflow.json#workflow"}</c>: the schema's root carries
    /// <c>"$anchor": "workflow"</c>, since Microsoft.OpenApi writes an external reference as the
    /// resource plus a fragment.
    /// </summary>
    private static OpenApiSchemaReference WorkflowSchemaReference()
    {
        var reference = new OpenApiSchemaReference("workflow", hostDocument: null, externalResource: Endpoints.SchemaEndpoints.WorkflowSchemaPath);
        // IsFragment is init-only and the constructor does not take it; without it the reference
        // is written as "<resource>#/components/schemas/<id>", which the served schema is not.
        typeof(BaseOpenApiReference).GetProperty(nameof(BaseOpenApiReference.IsFragment))!.SetValue(reference.Reference, true);
        return reference;
    }
}
