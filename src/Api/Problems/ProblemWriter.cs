using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace WfaaS.Api.Problems;

/// <summary>
/// Writes an error as problem+json when the client accepts JSON, and otherwise as a short HTML page
/// (for <c>Accept: text/html</c>, what a browser opening a link sends) or plain text: the status
/// stands whatever <c>Accept</c> says (SPEC §7), so no error turns into a 500 or an empty body.
/// </summary>
internal static class ProblemWriter
{
    private static readonly MediaTypeHeaderValue Html = new("text/html");

    public static async Task WriteAsync(HttpContext http, ProblemDetails problem, Exception? exception = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(problem);
        var status = problem.Status ?? http.Response.StatusCode;
        http.Response.StatusCode = status;
        var service = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false))
        {
            return;
        }

        var title = problem.Title ?? ReasonPhrases.GetReasonPhrase(status);
        var detail = problem.Detail ?? title;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (AcceptsHtml(http.Request))
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
            var encoder = HtmlEncoder.Default;
            var heading = string.Create(CultureInfo.InvariantCulture, $"{status} {encoder.Encode(title)}");
            await http.Response.WriteAsync(
                $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{heading}</title></head>\n"
                + $"<body><h1>{heading}</h1><p>{encoder.Encode(detail)}</p></body></html>\n",
                http.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{status} {title}\n{detail}\n"), http.RequestAborted)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Accept names text/html (or text/*) with a quality above zero.</summary>
    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accepted => accepted.Quality is null or > 0 && Html.IsSubsetOf(accepted));
}
