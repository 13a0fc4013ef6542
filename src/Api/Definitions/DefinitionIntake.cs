using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using WfaaS.Engine.Definitions;
using WfaaS.Engine.Validation;

namespace WfaaS.Api.Definitions;

/// <summary>Reads a posted definition and validates it (SPEC §3.3); shared by create and validate.</summary>
internal static class DefinitionIntake
{
    /// <summary>SPEC §3.3 limit on a definition's text, whatever <c>Limits:MaxRequestBytes</c> allows.</summary>
    public const int MaxDefinitionBytes = 1024 * 1024;

    public static async Task<(DefinitionDocument? Document, WorkflowDefinition? Definition, ProblemHttpResult? Problem)> ReadValidAsync(
        HttpRequest request, long maxRequestBytes, CancellationToken cancellationToken)
    {
        var (document, problem) = await DefinitionRequestReader.ReadAsync(request, maxRequestBytes, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return (null, null, problem);
        }

        if (Encoding.UTF8.GetByteCount(document.Text) > MaxDefinitionBytes)
        {
            return (null, null, Problems.Problems.Validation(
                "The workflow definition is invalid.",
                [new("$", $"A definition may hold at most {MaxDefinitionBytes} bytes.")]));
        }

        var result = DefinitionValidator.Validate(document.Root);
        if (!result.IsValid || result.Definition is null)
        {
            return (null, null, Problems.Problems.Validation(
                $"The workflow definition is invalid: {result.Errors.Length} error(s).",
                result.Errors.Select(e => new KeyValuePair<string, string>(e.Path, e.Message))));
        }

        return (document, result.Definition, null);
    }
}
