using System.Text.Json;

namespace WfaaS.Engine.Execution.Effects;

/// <summary><paramref name="Task"/>'s <c>http</c> revert action, sent from a worker; it reports back with an event.</summary>
public sealed record SendRevertRequest(string Task, int Attempt, JsonElement? Input) : Effect;
