using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using WfaaS.Storage.Definitions;

namespace WfaaS.Api.Definitions;

/// <summary>
/// The 404 for a workflow name or version that is not live: it says whether the version was
/// deleted (its number stays taken, docs/decisions.md "Versions are never reused") or never existed.
/// </summary>
internal static class MissingDefinition
{
    public static async Task<ProblemHttpResult> ProblemAsync(DefinitionStore store, string name, int? version, CancellationToken cancellationToken)
    {
        var deletedAt = await store.DeletedAtAsync(name, version, cancellationToken).ConfigureAwait(false);
        var subject = version is { } v ? $"Version {v} of workflow '{name}'" : $"Workflow '{name}'";
        if (deletedAt is { } at)
        {
            var when = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return Problems.Problems.NotFound(
                $"{subject} was deleted at {when}; version numbers are never reused, so a new post of '{name}' gets a higher version.");
        }

        return Problems.Problems.NotFound(version is { } n ? $"Workflow '{name}' has no version {n}." : $"Workflow '{name}' does not exist.");
    }
}
