using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace WfaaS.Api.Definitions;

/// <summary>
/// Reads a definition body posted as JSON or YAML (SPEC §3) into one JSON document, or says
/// which problem to answer: 400 malformed, 413 too large, 415 unknown media type.
/// </summary>
internal static class DefinitionRequestReader
{
    public static readonly string[] JsonMediaTypes = ["application/json"];
    public static readonly string[] YamlMediaTypes = ["application/yaml", "text/yaml", "application/x-yaml", "text/x-yaml"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        MaxDepth = DocumentLimits.MaxDepth,
        AllowDuplicateProperties = false,
    };

    public static async Task<(DefinitionDocument? Document, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (Format(request.ContentType) is not { } format)
        {
            return (null, Problems.Problems.UnsupportedMediaType(
                $"Content-Type '{request.ContentType}' is not supported; send application/json, application/yaml or text/yaml (UTF-8)."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, Problems.Problems.PayloadTooLarge(maxBytes));
        }

        var bytes = await Hosting.BoundedBody.ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, Problems.Problems.PayloadTooLarge(maxBytes));
        }

        try
        {
            var text = StrictUtf8.GetString(bytes);
            if (string.IsNullOrWhiteSpace(text))
            {
                return (null, Problems.Problems.BadRequest("The request body is empty."));
            }

            var root = format == DefinitionFormat.Json ? ParseJson(text) : YamlToJson.Convert(text);
            var contentType = format == DefinitionFormat.Json ? JsonMediaTypes[0] : YamlMediaTypes[0];
            return (new DefinitionDocument(text, contentType, root), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.Problems.BadRequest("The request body is not valid UTF-8."));
        }
        catch (MalformedDocumentException e)
        {
            return (null, Problems.Problems.BadRequest(e.Message));
        }
    }

    private static JsonElement ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, JsonOptions);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new MalformedDocumentException($"Malformed JSON: {e.Message}");
        }
        catch (Exception e) when (MalformedDocumentException.IsParserFailure(e))
        {
            throw new MalformedDocumentException("Malformed JSON: the text could not be parsed.");
        }
    }

    private static DefinitionFormat? Format(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return null;
        }

        if (mediaType.Charset.HasValue && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var type = mediaType.MediaType.Value ?? "";
        if (JsonMediaTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            return DefinitionFormat.Json;
        }

        return YamlMediaTypes.Contains(type, StringComparer.OrdinalIgnoreCase) ? DefinitionFormat.Yaml : null;
    }
}
