using System.Text.Json;

namespace WfaaS.Engine.Execution.Effects;

/// <summary>
/// The task waits for an outside party: Storage mints a token for (task, attempt) and keeps only its
/// hash (SPEC §8). <paramref name="Kind"/> is <c>callback</c> (delegate) or <c>approval</c>;
/// <paramref name="Input"/> is the bound input (an approval's prompt and approvers).
/// </summary>
public sealed record AwaitCallback(string Task, int Attempt, WaitKind Kind, DateTimeOffset? DueAt, JsonElement? Input) : Effect;
