using System.Text.Json;

namespace WfaaS.Api.Definitions;

/// <summary>A posted definition: the text as sent, its media type, and the same document as JSON.</summary>
internal sealed record DefinitionDocument(string Text, string ContentType, JsonElement Root);
