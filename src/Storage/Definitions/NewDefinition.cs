namespace WfaaS.Storage.Definitions;

/// <summary>A definition that passed validation, ready to be stored as the next version of <see cref="Name"/>.</summary>
public sealed record NewDefinition(string Name, string Text, string ContentType, string DefinitionJson);
