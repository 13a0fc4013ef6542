using Microsoft.AspNetCore.Http.HttpResults;

namespace WfaaS.Api.Problems;

/// <summary>Every error the API returns, as RFC 9457 problem details (SPEC §7).</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, "Malformed request", detail);

    public static ProblemHttpResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ProblemHttpResult Gone(string detail) => Create(StatusCodes.Status410Gone, "Gone", detail);

    /// <summary>400 with <c>errors: {path: [messages]}</c>, for malformed bodies that name what is wrong.</summary>
    public static ProblemHttpResult BadRequestWithErrors(string detail, IEnumerable<KeyValuePair<string, string>> errors) =>
        WithErrors(StatusCodes.Status400BadRequest, "Malformed request", detail, errors);

    public static ProblemHttpResult PayloadTooLarge(long maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The request body is larger than {maxBytes} bytes.");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail);

    /// <summary>422 with <c>errors: {path: [messages]}</c>; <c>ValidationProblem</c> only allows 400, hence by hand.</summary>
    public static ProblemHttpResult Validation(string detail, IEnumerable<KeyValuePair<string, string>> errors) =>
        WithErrors(StatusCodes.Status422UnprocessableEntity, "Validation failed", detail, errors);

    private static ProblemHttpResult WithErrors(int status, string title, string detail, IEnumerable<KeyValuePair<string, string>> errors)
    {
        var grouped = errors
            .GroupBy(e => e.Key, e => e.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        return TypedResults.Problem(new HttpValidationProblemDetails(grouped) { Status = status, Title = title, Detail = detail });
    }

    private static ProblemHttpResult Create(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
