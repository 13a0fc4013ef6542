using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace WfaaS.Api.Problems;

/// <summary>
/// Turns binding failures (malformed JSON, a body over the size limit…) into their 4xx problem
/// instead of a 500, a database that refused the request for now (too many connections, a
/// restart) into a 503 with Retry-After, and anything unexpected into a 500 problem that leaks no internals.
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Malformed request", BindingProblems.Detail(httpContext, bad)),
            _ when IsTransientDatabaseFailure(exception) => (
                StatusCodes.Status503ServiceUnavailable, "Database unavailable", "The database could not take the request just now (overloaded or restarting). Try again."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The server failed to handle the request."),
        };
        if (status >= 500)
        {
            Log.UnhandledException(logger, exception);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        // Written whatever Accept says (problem+json, else HTML or text), so the status is never lost.
        await ProblemWriter.WriteAsync(httpContext, new ProblemDetails { Status = status, Title = title, Detail = detail }, exception).ConfigureAwait(false);
        return true;
    }

    /// <summary>A provider's own verdict, anywhere in the chain (EF wraps it when no retry strategy is set).</summary>
    private static bool IsTransientDatabaseFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
