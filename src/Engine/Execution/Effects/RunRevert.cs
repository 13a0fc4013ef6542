using System.Text.Json;

namespace WfaaS.Engine.Execution.Effects;

/// <summary>Run <paramref name="Task"/>'s revert action on a worker.</summary>
public sealed record RunRevert(string Task, int Attempt, string Action, JsonElement? Input) : Effect;
