using System.Collections.Immutable;
using System.Text.Json;

namespace WfaaS.Engine.Binding;

/// <summary>What placeholders can read while one input is bound: the symbols and the <c>ctx</c> values.</summary>
/// <param name="Symbols">The execution's symbols (inputs and provided values).</param>
/// <param name="KnownSymbols">Every symbol name of the definition, so dotted names resolve as at validation.</param>
/// <param name="Context">The <c>ctx.*</c> values for this task and attempt.</param>
/// <param name="MissingAsNull">Revert input: a symbol never provided (its task failed) reads as null instead of failing.</param>
public sealed record BindingScope(
    ImmutableDictionary<string, JsonElement> Symbols,
    IReadOnlySet<string> KnownSymbols,
    ImmutableDictionary<string, JsonElement> Context,
    bool MissingAsNull);
