namespace WfaaS.Api.Definitions;

/// <summary>The body is not well-formed JSON or YAML (400).</summary>
internal sealed class MalformedDocumentException(string message) : Exception(message);
