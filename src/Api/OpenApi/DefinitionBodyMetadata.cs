namespace WfaaS.Api.OpenApi;

/// <summary>Marks an endpoint whose body is a workflow definition in JSON or YAML.</summary>
internal sealed class DefinitionBodyMetadata;
