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

    /// <summary>
    /// When <c>DELETE /workflows/{name}</c> removed this version; null while it is live. The row
    /// stays as a tombstone: its (name, version) is never given to another text, and executions
    /// that ran it still resolve to it (docs/decisions.md, "Versions are never reused").
    /// </summary>
    public DateTime? DeletedAt { get; set; }
}
