using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace WfaaS.Api.OpenApi;

/// <summary>Puts <see cref="OperationExamples"/> on the request body and the 200/201 response of each operation.</summary>
internal sealed class ExamplesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is not { } id || !OperationExamples.ByOperation.TryGetValue(id, out var examples))
        {
            return;
        }

        if (examples.Request is { } request && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true
            && body is OpenApiMediaType requestMedia)
        {
            requestMedia.Example = JsonNode.Parse(request);
        }

        foreach (var status in new[] { "200", "201" })
        {
            if (operation.Responses?.TryGetValue(status, out var response) == true
                && response.Content?.TryGetValue("application/json", out var media) == true
                && media is OpenApiMediaType responseMedia)
            {
                responseMedia.Example = JsonNode.Parse(examples.Response);
            }
        }
    }
}
