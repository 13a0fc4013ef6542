namespace WfaaS.Storage.Entities;

/// <summary>One version of a workflow definition, as posted (SPEC §3, §6).</summary>
public sealed class WorkflowDefinitionEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; }

    /// <summary>The text exactly as posted; identical text means the same version.</summary>
    public required string Text { get; set; }

    /// <summary>SHA-256 of <see cref="Text"/> (hex), compared instead of the text itself.</summary>
    public required string TextHash { get; set; }

    public required string ContentType { get; set; }

    /// <summary>The parsed document as JSON, whatever format was posted.</summary>
    public required string DefinitionJson { get; set; }

    public DateTime CreatedAt { get; set; }
}
