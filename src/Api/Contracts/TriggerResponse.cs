using System.Text.Json;
using WfaaS.Storage.Entities;

namespace WfaaS.Api.Contracts;

/// <summary>A cron trigger and when it fires next.</summary>
internal sealed record TriggerResponse(
    string Name, string Workflow, JsonElement Input, string Cron, string? TimeZone, DateTimeOffset CreatedAt, DateTimeOffset? NextRunAt)
{
    public static TriggerResponse From(TriggerEntity t, DateTimeOffset? nextRun) =>
        new(t.Name, t.Workflow, ContractJson.Parse(t.InputJson)!.Value, t.Cron, t.TimeZone, ContractJson.Utc(t.CreatedAt), nextRun);
}

/// <summary>Every trigger, by name.</summary>
internal sealed record TriggerListResponse(IReadOnlyList<TriggerResponse> Items);
