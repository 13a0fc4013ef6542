using System.Text.Json;

namespace WfaaS.Engine.Execution.Effects;

/// <summary>Tell the external system about the work (the delegate's optional outbound request), from a worker.</summary>
public sealed record SendDelegateRequest(string Task, int Attempt, JsonElement? Input, DateTimeOffset? DueAt) : Effect;
