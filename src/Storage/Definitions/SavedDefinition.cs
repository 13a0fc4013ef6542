namespace WfaaS.Storage.Definitions;

/// <summary>The outcome of a save: <c>Created</c> is false when the latest version already had this exact text.</summary>
public sealed record SavedDefinition(StoredDefinition Definition, bool Created);
