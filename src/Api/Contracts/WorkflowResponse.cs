using System.Text.Json;
using WfaaS.Storage.Definitions;

namespace WfaaS.Api.Contracts;

/// <summary>One version of a workflow definition.</summary>
/// <param name="Name">The workflow's name, from the definition's <c>name</c>.</param>
/// <param name="Version">1 for the first text posted under this name, then +1 for each changed text.</param>
/// <param name="Definition">The definition as JSON, whether it was posted as JSON or YAML.</param>
/// <param name="ContentType">The media type it was posted with.</param>
/// <param name="CreatedAt">When this version was stored.</param>
internal sealed record WorkflowResponse(string Name, int Version, JsonElement Definition, string ContentType, DateTimeOffset CreatedAt)
{
    public static WorkflowResponse From(StoredDefinition stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new(stored.Name, stored.Version, ContractJson.Parse(stored.DefinitionJson)!.Value, stored.ContentType, stored.CreatedAt);
    }
}
