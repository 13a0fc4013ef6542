namespace WfaaS.Engine.Binding;

/// <summary>Keeps user-supplied text in messages short: a definition may carry megabyte strings.</summary>
internal static class Text
{
    private const int MaxLength = 60;

    public static string Truncate(string text) =>
        text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
}
