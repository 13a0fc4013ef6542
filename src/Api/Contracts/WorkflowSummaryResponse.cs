using WfaaS.Storage.Definitions;

namespace WfaaS.Api.Contracts;

/// <summary>A workflow in the list.</summary>
/// <param name="Name">The workflow's name.</param>
/// <param name="LatestVersion">The newest version number.</param>
/// <param name="CreatedAt">When the first version was stored.</param>
/// <param name="UpdatedAt">When the newest version was stored.</param>
internal sealed record WorkflowSummaryResponse(string Name, int LatestVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static WorkflowSummaryResponse From(WorkflowSummary summary) =>
        new(summary.Name, summary.LatestVersion, summary.CreatedAt, summary.UpdatedAt);
}
