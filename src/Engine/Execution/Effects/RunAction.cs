using System.Text.Json;

namespace WfaaS.Engine.Execution.Effects;

/// <summary>Run attempt <paramref name="Attempt"/> of an action that does I/O on a worker; it reports back with an event.</summary>
public sealed record RunAction(string Task, int Attempt, string Action, JsonElement? Input) : Effect;
