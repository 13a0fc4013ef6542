using System.Text.Json;

namespace WfaaS.Api.Contracts;

/// <summary>A cron trigger (SPEC §6 <c>POST /triggers</c>).</summary>
/// <param name="Name">Unique trigger name.</param>
/// <param name="Workflow">The workflow whose latest version each firing starts.</param>
/// <param name="Input">The execution input of each firing.</param>
/// <param name="Cron">5 fields (minute hour day month weekday), 6 with seconds first, or a macro such as <c>@daily</c>.</param>
/// <param name="TimeZone">IANA time zone the cron is read in; UTC when omitted.</param>
internal sealed record TriggerRequest(string? Name, string? Workflow, JsonElement? Input, string? Cron, string? TimeZone);
