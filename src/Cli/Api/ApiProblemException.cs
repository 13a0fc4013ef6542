using System.Text.Json;

namespace WfaaS.Cli.Api;

/// <summary>
/// An error answer from the service: an RFC 9457 problem body (SPEC §7) when it sent one, else
/// whatever text it sent. Exit code 2.
/// </summary>
internal sealed class ApiProblemException : Exception
{
    public ApiProblemException(int status, string? title, string? detail, IReadOnlyDictionary<string, string[]> errors, string text)
        : base(title ?? $"HTTP {status}")
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors;
        Text = text;
    }

    public int Status { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary><c>errors: {path: [messages]}</c> of a validation problem.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The body as sent.</summary>
    public string Text { get; }

    public static ApiProblemException From(int status, string? mediaType, string text)
    {
        if (mediaType is "application/problem+json" or "application/json")
        {
            try
            {
                var problem = JsonSerializer.Deserialize<ProblemBody>(text, WireJson.Options);
                if (problem is not null)
                {
                    return new(status, problem.Title, problem.Detail, problem.Errors ?? new Dictionary<string, string[]>(), text);
                }
            }
            catch (JsonException)
            {
                // Not a problem body after all: shown as text below.
            }
        }

        var plain = text.Trim();
        return new(status, null, plain.Length == 0 ? null : plain[..Math.Min(plain.Length, 500)], new Dictionary<string, string[]>(), text);
    }

    private sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
