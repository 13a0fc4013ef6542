using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using WfaaS.Api.OpenApi;

namespace WfaaS.Api.Problems;

/// <summary>
/// Our own words for a request ASP.NET Core could not bind (SPEC §7): its messages name C# types
/// and parameters ("Implicit body inferred for parameter "request"… Did you mean to use a Service
/// instead?"), which mean nothing to a client. Every binding failure becomes a detail that says
/// what the endpoint expects, with the endpoint's example body (<see cref="OperationExamples"/>)
/// when it takes one. No framework message is passed through.
/// </summary>
internal static partial class BindingProblems
{
    public static string Detail(HttpContext context, BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = context.RequestServices.GetService<IOptions<RequestLimits>>()?.Value.MaxRequestBytes;
            return limit is { } bytes
                ? $"The request body is larger than {bytes} bytes."
                : "The request body is larger than this server accepts.";
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return $"Content-Type '{context.Request.ContentType}' is not supported; send application/json (UTF-8).";
        }

        var message = exception.Message;
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || (message.StartsWith("Required parameter", StringComparison.Ordinal) && message.EndsWith("from body.", StringComparison.Ordinal)))
        {
            return $"The request has no body (or the JSON null); {Expected(context)}";
        }

        if (exception.InnerException is JsonException json)
        {
            var where = json.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            var position = json.LineNumber is { } line ? $" (line {line + 1}, byte {(json.BytePositionInLine ?? 0) + 1})" : string.Empty;
            return $"The request body is not JSON of the expected shape{where}{position}; {Expected(context)}";
        }

        if (BindFailure().Match(message) is { Success: true } bind)
        {
            return $"'{Wire(bind.Groups["name"].Value)}' must be {Kind(bind.Groups["type"].Value)}; got '{bind.Groups["value"].Value}'.";
        }

        if (RequiredFailure().Match(message) is { Success: true } required)
        {
            return $"'{Wire(required.Groups["name"].Value)}' is required.";
        }

        return "The request could not be read; check its body, Content-Type and query against the API document at /swagger.";
    }

    private static string Expected(HttpContext context)
    {
        // The exception handler clears the endpoint before handlers run; the feature keeps it.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var name = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        return name is not null && OperationExamples.ByOperation.TryGetValue(name, out var example) && example.Request is { } body
            ? $"this endpoint takes a JSON object (Content-Type: application/json), for example {Compact(body)}"
            : "this endpoint takes a JSON object (Content-Type: application/json); see /swagger for its fields.";
    }

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }

    /// <summary>A parameter's C# name as the wire spells it (snake_case, SPEC §6).</summary>
    private static string Wire(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private static string Kind(string type) => type.Replace("Nullable<", string.Empty, StringComparison.Ordinal).TrimEnd('>') switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
        "Guid" => "a UUID",
        "bool" or "Boolean" => "true or false",
        "DateTimeOffset" or "DateTime" => "an RFC 3339 time",
        _ => "of another form",
    };

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided", RegexOptions.Singleline)]
    private static partial Regex RequiredFailure();
}
