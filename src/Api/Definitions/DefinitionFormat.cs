namespace WfaaS.Api.Definitions;

internal enum DefinitionFormat
{
    Json,
    Yaml,
}
