using System.Text.Json;

namespace WfaaS.Engine.Definitions;

public sealed record RevertDefinition(string Action, JsonElement? Input);
