namespace WfaaS.Engine.Validation;

/// <summary>An error at a JSON path without the <c>$.</c> prefix (<c>flow.items[2].input.url</c>); <c>$</c> for the whole document.</summary>
public sealed record ValidationError(string Path, string Message);
