using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace WfaaS.Api.Hosting;

/// <summary>
/// Request bodies are UTF-8 text (SPEC §6), checked before any endpoint reads them:
/// <list type="bullet">
/// <item>a <c>charset</c> other than UTF-8 is 415, and a quoted <c>charset="utf-8"</c> (RFC 9110 allows it)
/// is rewritten unquoted — the minimal-API JSON reader throws InvalidOperationException, a 500, on a
/// charset it cannot resolve;</item>
/// <item>a JSON body that is not valid UTF-8 is 400 — System.Text.Json checks the strings it turns into
/// .NET strings, but not those kept inside a JsonElement (<c>input</c>, <c>result</c>), which throw
/// only when read later.</item>
/// </list>
/// </summary>
internal sealed class Utf8BodyMiddleware(RequestDelegate next, IOptions<RequestLimits> limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (mediaType.Charset.HasValue)
        {
            var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).Value;
            if (!string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase))
            {
                await Problems.Problems.UnsupportedMediaType(
                    $"Charset '{mediaType.Charset}' is not supported; send the body as UTF-8 (charset=utf-8, or no charset).").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            mediaType.Charset = "utf-8";
            context.Request.ContentType = mediaType.ToString();
        }

        if (IsJson(mediaType))
        {
            var max = limits.Value.MaxRequestBytes;
            var body = await BoundedBody.ReadAsync(context.Request, max, context.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                await Problems.Problems.PayloadTooLarge(max).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            if (!Utf8.IsValid(body))
            {
                await Problems.Problems.BadRequest("The request body is not valid UTF-8.").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            context.Request.Body = new MemoryStream(body, writable: false);
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool IsJson(MediaTypeHeaderValue mediaType) =>
        mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
}
