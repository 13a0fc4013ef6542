using System.Text.Json;

namespace WfaaS.Engine.Execution.Effects;

/// <summary>Start the child execution of a <c>workflow</c> task (SPEC §3.4); the task waits for it.</summary>
public sealed record StartChildExecution(string Task, int Attempt, string Workflow, int? Version, JsonElement? Input) : Effect;
