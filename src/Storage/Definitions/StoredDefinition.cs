namespace WfaaS.Storage.Definitions;

public sealed record StoredDefinition(
    long Id, string Name, int Version, string Text, string ContentType, string DefinitionJson, DateTimeOffset CreatedAt)
{
    public DefinitionRef Ref => new(Id, Name, Version);
}
