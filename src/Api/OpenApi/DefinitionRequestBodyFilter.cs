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
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "A workflow definition (SPEC §3).",
                },
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
}
