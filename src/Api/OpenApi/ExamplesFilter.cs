using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace WfaaS.Api.OpenApi;

/// <summary>
/// Puts <see cref="OperationExamples"/> on each operation: the request body, the parameters, the
/// 200/201 answer, and the scenario step as <c>x-example</c> (<c>{step, status}</c>), as the
/// summary's number and as a line of the description; a parameter taken from an earlier answer says so in its description and in
/// <c>x-example-from</c> (<c>{operation, step, pointer}</c>).
/// </summary>
internal sealed class ExamplesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is not { } id || !OperationExamples.ByOperation.TryGetValue(id, out var example))
        {
            return;
        }

        var step = OperationExamples.Steps[id];
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        operation.Extensions["x-example"] = new JsonNodeExtension(new JsonObject { ["step"] = step, ["status"] = example.Status });
        // Swagger UI lists summaries grouped by tag; the number says where the example's step falls.
        operation.Summary = $"{step}. {operation.Summary}";
        var after = step == 1 ? "" : $" after steps 1–{step - 1}";
        operation.Description = Join(operation.Description,
            $"Example: step {step} of {OperationExamples.Scenario.Length}, answers {example.Status} on a fresh service{after} (README, \"Swagger examples\").");

        if (example.Request is { } request && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true
            && body is OpenApiMediaType requestMedia)
        {
            requestMedia.Example = JsonNode.Parse(request);
        }

        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Name is { } name && example.Parameters.TryGetValue(name, out var value))
            {
                Describe(parameter, value);
            }
        }

        if (example.Response is null)
        {
            return;
        }

        foreach (var status in new[] { "200", "201" })
        {
            if (operation.Responses?.TryGetValue(status, out var response) == true
                && response.Content?.TryGetValue("application/json", out var media) == true
                && media is OpenApiMediaType responseMedia)
            {
                responseMedia.Example = JsonNode.Parse(example.Response);
            }
        }
    }

    /// <summary>Orders operations by their example step (<see cref="OperationExamples.Steps"/>), those without one last.</summary>
    public static string SortKey(ApiDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var name = description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
        var step = name is not null && OperationExamples.Steps.TryGetValue(name, out var found) ? found : int.MaxValue;
        return step.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Describe(OpenApiParameter parameter, ParameterExample value)
    {
        parameter.Example = parameter.Schema?.Type is { } type && type.HasFlag(JsonSchemaType.Integer) && int.TryParse(value.Value, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(value.Value);
        if (value.FromOperation is not { } source)
        {
            return;
        }

        var step = OperationExamples.Steps[source];
        parameter.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        parameter.Extensions["x-example-from"] = new JsonNodeExtension(new JsonObject
        {
            ["operation"] = source,
            ["step"] = step,
            ["pointer"] = value.Pointer,
        });
        var what = value.Pointer!.EndsWith("_url", StringComparison.Ordinal)
            ? $"the last path segment of `{value.Pointer}` in the answer of step {step} ({source})"
            : $"`{value.Pointer}` of the answer of step {step} ({source})";
        parameter.Description = Join(parameter.Description, $"Example: {what}.");
    }

    private static string Join(string? text, string line) => string.IsNullOrEmpty(text) ? line : $"{text}\n\n{line}";
}
