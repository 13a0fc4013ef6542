using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace WfaaS.Engine.Conditions;

/// <summary>
/// Runs a <see cref="Condition"/> over the symbols it names (SPEC §3.5), deterministically and
/// within bounds: a fresh Jint engine per evaluation, strict mode, no .NET access (Jint's interop
/// is off unless enabled), a clock fixed at the Unix epoch, no <c>Math.random</c>, and limits on
/// statements, recursion, memory and regular expressions. A result is JavaScript's truthiness of
/// the completion value; a throw or a limit is an error, never an exception.
/// </summary>
public static class ConditionEvaluator
{
    /// <summary>Statements one evaluation may run: plenty for an expression, a bound for <c>while (true) {}</c>.</summary>
    public const int MaxStatements = 10_000;

    public const int MaxRecursion = 64;

    public const long MaxMemoryBytes = 4_000_000;

    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly FixedTimeSystem Clock = new();

    /// <param name="condition">The expression.</param>
    /// <param name="symbols">The execution's symbols; only the ones the expression names are handed over.</param>
    /// <param name="context">The <c>ctx</c> object (<c>execution_id</c>, <c>task</c>, …).</param>
    /// <returns>The truth value, or why it could not be had.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)] // Jint stays unloaded until a definition has a `when`.
    public static (bool Value, string? Error) Evaluate(Condition condition, IReadOnlyDictionary<string, JsonElement> symbols, JsonElement context)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(symbols);
        try
        {
            var engine = new Jint.Engine(options =>
            {
                options.Strict = true;
                options.TimeSystem = Clock;
                options.Culture = CultureInfo.InvariantCulture;
                options.MaxStatements(MaxStatements).LimitRecursion(MaxRecursion).LimitMemory(MaxMemoryBytes).RegexTimeoutInterval(RegexTimeout);
            });
            engine.GetValue("Math").AsObject().Delete("random");
            var json = new JsonParser(engine);
            engine.SetValue(Condition.ContextName, json.Parse(context.GetRawText()));
            foreach (var name in condition.Symbols)
            {
                engine.SetValue(name, symbols.TryGetValue(name, out var value) ? json.Parse(value.GetRawText()) : JsValue.Undefined);
            }

            return (TypeConverter.ToBoolean(engine.Evaluate(condition.Script.Prepared)), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (false, e.Message);
        }
    }

    /// <summary><c>Date.now()</c> and <c>new Date()</c> are the Unix epoch, in UTC: no clock reaches an expression.</summary>
    private sealed class FixedTimeSystem() : DefaultTimeSystem(TimeZoneInfo.Utc, CultureInfo.InvariantCulture)
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;
    }
}
