using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace WfaaS.Api.Problems;

/// <summary>Bodies for statuses set without one (no route matched, wrong method): still RFC 9457 with a detail.</summary>
internal static class StatusCodeProblems
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status401Unauthorized => "Send a valid API key in the X-Api-Key header.",
            StatusCodes.Status403Forbidden => "The role of this API key may not do this.",
            StatusCodes.Status404NotFound => $"No resource at '{http.Request.Path}'.",
            StatusCodes.Status405MethodNotAllowed => $"'{http.Request.Method}' is not allowed on '{http.Request.Path}'.",
            StatusCodes.Status415UnsupportedMediaType => $"Content-Type '{http.Request.ContentType}' is not supported; send application/json (UTF-8).",
            _ => $"The request failed with status {status}.",
        };

        // SPEC §7: a 404 is a 404 whatever Accept says; ProblemWriter falls back to text or HTML.
        return ProblemWriter.WriteAsync(http, new ProblemDetails { Status = status, Detail = detail });
    }
}
