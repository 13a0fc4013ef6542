using System.Text.Json;

namespace WfaaS.Engine.Execution.Effects;

/// <summary>Attempt <paramref name="Attempt"/> of an <c>http</c> task, sent from a worker; it reports back with an event.</summary>
public sealed record SendHttpRequest(string Task, int Attempt, JsonElement? Input) : Effect;
