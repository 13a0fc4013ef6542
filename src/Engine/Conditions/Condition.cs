using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Jint;

namespace WfaaS.Engine.Conditions;

/// <summary>
/// A <c>when</c> expression (SPEC §3.5), parsed once when the definition is read and shared by
/// every execution of its plan. <see cref="Symbols"/> are its free root identifiers that are not
/// JavaScript's own globals nor <c>ctx</c>: requirements, like a template's placeholders.
/// </summary>
public sealed class Condition
{
    /// <summary>JavaScript's own names that an expression may use without them being symbols.</summary>
    private static readonly FrozenSet<string> Globals = new[]
    {
        "Math", "JSON", "Number", "String", "Array", "Object", "Boolean", "undefined", "NaN", "Infinity",
        "isNaN", "isFinite", "parseInt", "parseFloat", "RegExp", "Date", "Error", "TypeError", "RangeError",
        "Map", "Set", "Symbol", "BigInt", "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI",
        ContextName,
    }.ToFrozenSet(StringComparer.Ordinal);

    public const string ContextName = "ctx";

    private Condition(string text, ConditionScript script, ImmutableArray<string> symbols)
    {
        Text = text;
        Script = script;
        Symbols = symbols;
    }

    public string Text { get; }

    internal ConditionScript Script { get; }

    public ImmutableArray<string> Symbols { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, whatever the parser threw.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // Jint stays unloaded until a definition has a `when`.
    public static bool TryParse(string text, out Condition? condition, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        condition = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "must be a JavaScript expression, not empty";
            return false;
        }

        try
        {
            var script = Jint.Engine.PrepareScript(text, strict: true, options: new ScriptPreparationOptions { CollectReferencedGlobals = true });
            var symbols = (script.ReferencedGlobals ?? (IEnumerable<string>)[]).Where(name => !Globals.Contains(name)).Order(StringComparer.Ordinal).ToImmutableArray();
            condition = new Condition(text, new ConditionScript(script), symbols);
            error = null;
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = $"does not parse as JavaScript: {e.Message}";
            return false;
        }
    }

    public override string ToString() => Text;
}
