using System.Collections.Immutable;
using System.Text.Json;
using WfaaS.Engine.Binding;
using WfaaS.Engine.Conditions;
using WfaaS.Engine.Validation;

namespace WfaaS.Engine.Definitions;

/// <summary>
/// Reads a definition document into the model, reporting shape errors (missing, unknown or mistyped properties, bad names,
/// unknown actions, bad durations) and carrying on past each one.
/// </summary>
internal sealed class DefinitionReader
{
    private static readonly string[] DocumentKeys = ["name", "description", "input", "output", "on_failure", "repeat", "flow"];
    private static readonly string[] FlowKeys = ["type", "name", "items", "retry", "after", "repeat", "when", "for_each", "as", "concurrency", "max_failures"];
    private static readonly string[] TaskKeys =
        ["task", "action", "input", "requires", "provides", "revert", "retry", "timeout", "heartbeat", "after", "description", "when",
         "for_each", "as", "concurrency", "max_failures"];
    private static readonly string[] CheckpointKeys = ["checkpoint", "retry", "retention"];
    private static readonly string[] NestedFlowKeys = ["flow"];
    private static readonly string[] FanOutKeys = ["as", "concurrency", "max_failures"];
    private static readonly string[] ItemKinds = ["task", "flow", "checkpoint"];
    private static readonly string[] RevertKeys = ["action", "input"];
    private static readonly string[] RetryKeys = ["count", "delay", "backoff", "max_delay", "on"];
    private static readonly string[] ScopeRetryKeys = ["count", "delay", "for_each", "provides", "then"];
    private static readonly (string Name, RetryThen Value)[] Thens = [("propagate", RetryThen.Propagate), ("revert_all", RetryThen.RevertAll)];
    private static readonly string[] RetentionKeys = ["keep_checkpoints", "keep_for"];
    private static readonly string[] RepeatKeys = ["every", "times"];

    private static readonly (string Name, FlowType Value)[] FlowTypes =
        [("linear", FlowType.Linear), ("unordered", FlowType.Unordered), ("graph", FlowType.Graph)];

    private static readonly (string Name, FailureStrategy Value)[] FailureStrategies =
        [("revert_all", FailureStrategy.RevertAll), ("revert_to_checkpoint", FailureStrategy.RevertToCheckpoint), ("pause", FailureStrategy.Pause)];

    private static readonly (string Name, BackoffKind Value)[] Backoffs =
        [("fixed", BackoffKind.Fixed), ("exponential", BackoffKind.Exponential)];

    private readonly ErrorList _errors;
    private readonly HashSet<string> _untypedFlows = new(StringComparer.Ordinal);
    private bool _depthReported;
    private int _taskCount;
    private RepeatPolicy? _rootFlowRepeat;

    private DefinitionReader(ErrorList errors) => _errors = errors;

    public static DefinitionDraft? Read(JsonElement document, ErrorList errors)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            errors.Add(DefinitionPath.Document, $"the definition must be a JSON object, not {JsonText.Describe(document.ValueKind)}");
            return null;
        }

        var reader = new DefinitionReader(errors);
        var definition = reader.ReadDocument(document);
        return new DefinitionDraft(definition, [.. reader._untypedFlows], reader._taskCount);
    }

    private WorkflowDefinition ReadDocument(JsonElement document)
    {
        var fields = ObjectFields.Read(document, string.Empty, DocumentKeys, _errors);
        var name = ReadName(fields, "name", required: true, symbol: false) ?? string.Empty;
        var description = ReadString(fields, "description", required: false);
        var input = ReadNameList(fields, "input", symbol: true);
        ImmutableArray<string>? output = fields.Has("output") ? ReadNameList(fields, "output", symbol: true) : null;
        var onFailure = ReadEnum(fields, "on_failure", FailureStrategies, required: false) ?? FailureStrategy.RevertAll;
        var repeat = fields.TryGet("repeat", out var repeatElement) ? ReadRepeat(repeatElement, fields.PathOf("repeat")) : null;

        FlowNode flow;
        if (!fields.TryGet("flow", out var flowElement))
        {
            _errors.Add(fields.PathOf("flow"), "required property 'flow' is missing");
            flow = EmptyFlow(fields.PathOf("flow"));
        }
        else if (flowElement.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(fields.PathOf("flow"), $"must be an object, not {JsonText.Describe(flowElement.ValueKind)}");
            flow = EmptyFlow(fields.PathOf("flow"));
        }
        else
        {
            flow = ReadFlow(flowElement, fields.PathOf("flow"), depth: 1);
        }

        if (_rootFlowRepeat is not null)
        {
            if (repeat is not null)
            {
                _errors.Add(DefinitionPath.Property(flow.Path, "repeat"), "'repeat' is given both on the definition and on its root flow; keep one");
            }

            repeat ??= _rootFlowRepeat;
        }

        return new WorkflowDefinition(name, description, input, output, onFailure, flow, repeat);
    }

    private FlowNode EmptyFlow(string path)
    {
        _untypedFlows.Add(path);
        return new FlowNode(null, FlowType.Linear, [], null, [], path);
    }

    private FlowNode ReadFlow(JsonElement element, string path, int depth)
    {
        var fields = ObjectFields.Read(element, path, FlowKeys, _errors);
        var type = ReadEnum(fields, "type", FlowTypes, required: true);
        if (type is null)
        {
            _untypedFlows.Add(path);
        }

        var name = fields.Has("name") ? ReadName(fields, "name", required: false, symbol: false) ?? string.Empty : null;
        var items = ImmutableArray.CreateBuilder<FlowItem>();
        if (!fields.TryGet("items", out var itemsElement))
        {
            _errors.Add(fields.PathOf("items"), "required property 'items' is missing");
        }
        else if (itemsElement.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(fields.PathOf("items"), $"must be an array of items, not {JsonText.Describe(itemsElement.ValueKind)}");
        }
        else if (itemsElement.GetArrayLength() == 0)
        {
            _errors.Add(fields.PathOf("items"), "a flow must have at least one item");
        }
        else
        {
            var index = 0;
            foreach (var itemElement in itemsElement.EnumerateArray())
            {
                if (ReadItem(itemElement, DefinitionPath.Index(fields.PathOf("items"), index), depth) is { } item)
                {
                    items.Add(item);
                }

                index++;
            }
        }

        var retry = fields.TryGet("retry", out var retryElement) ? ReadScopeRetry(retryElement, fields.PathOf("retry")) : null;
        var after = ReadNameList(fields, "after", symbol: false);
        if (fields.TryGet("repeat", out var repeatElement))
        {
            if (depth == 1)
            {
                _rootFlowRepeat = ReadRepeat(repeatElement, fields.PathOf("repeat"));
            }
            else
            {
                _errors.Add(fields.PathOf("repeat"), "'repeat' is only allowed on the root flow");
            }
        }

        var when = ReadCondition(fields);
        if (when is not null && depth == 1)
        {
            _errors.Add(fields.PathOf("when"), "'when' is only allowed on a nested flow or a task");
        }

        // SPEC §3.6: a fanned-out flow's instances are named after it (deploy[2].install), so it needs a name.
        var forEach = depth == 1 && fields.Has("for_each") ? null : ReadForEach(fields);
        if (depth == 1 && fields.Has("for_each"))
        {
            _errors.Add(fields.PathOf("for_each"), "'for_each' is only allowed on a nested flow or a task");
        }
        else if (forEach is not null && name is null)
        {
            _errors.Add(fields.PathOf("for_each"), "a flow with 'for_each' needs a 'name': its tasks' instances are named after it, such as 'deploy[2].install'");
        }

        if (forEach is not null && retry is not null)
        {
            _errors.Add(fields.PathOf("retry"), "'retry' on a flow with 'for_each' is not supported; retry its tasks, or put the flow inside a flow with 'retry'");
        }

        return new FlowNode(name, type ?? FlowType.Linear, items.ToImmutable(), retry, after, path, when, forEach);
    }

    private FlowItem? ReadItem(JsonElement element, string path, int depth)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(path, $"an item must be an object with one of 'task', 'flow' or 'checkpoint', not {JsonText.Describe(element.ValueKind)}");
            return null;
        }

        var kinds = ItemKinds.Where(k => element.TryGetProperty(k, out _)).ToList();
        if (kinds.Count != 1)
        {
            _errors.Add(path, kinds.Count == 0
                ? "an item must have exactly one of 'task', 'flow' or 'checkpoint'"
                : $"an item must have exactly one of 'task', 'flow' or 'checkpoint', not {string.Join(" and ", kinds.Select(k => $"'{k}'"))}");
            return null;
        }

        switch (kinds[0])
        {
            case "task":
                return ReadTask(element, path);
            case "checkpoint":
                return ReadCheckpoint(element, path);
            default:
                var fields = ObjectFields.Read(element, path, NestedFlowKeys, _errors);
                fields.TryGet("flow", out var flowElement);
                var flowPath = fields.PathOf("flow");
                if (flowElement.ValueKind != JsonValueKind.Object)
                {
                    _errors.Add(flowPath, $"must be an object, not {JsonText.Describe(flowElement.ValueKind)}");
                    return null;
                }

                if (depth + 1 > LimitsRule.MaxDepth)
                {
                    if (!_depthReported)
                    {
                        _errors.Add(flowPath, $"flows are nested more than {LimitsRule.MaxDepth} levels deep (the root flow is level 1)");
                        _depthReported = true;
                    }

                    return null;
                }

                return ReadFlow(flowElement, flowPath, depth + 1);
        }
    }

    private TaskNode ReadTask(JsonElement element, string path)
    {
        _taskCount++;
        var fields = ObjectFields.Read(element, path, TaskKeys, _errors);
        var name = ReadName(fields, "task", required: true, symbol: false) ?? string.Empty;
        var action = ReadAction(fields);
        JsonElement? input = fields.TryGet("input", out var inputElement) ? inputElement.Clone() : null;
        var requires = ReadNameList(fields, "requires", symbol: true);
        var provides = fields.TryGet("provides", out var providesElement) ? ReadProvides(providesElement, fields.PathOf("provides")) : null;
        var revert = fields.TryGet("revert", out var revertElement) ? ReadRevert(revertElement, fields.PathOf("revert")) : null;
        var retry = fields.TryGet("retry", out var retryElement) ? ReadRetry(retryElement, fields.PathOf("retry")) : null;
        var timeout = ReadDuration(fields, "timeout", allowZero: false);
        var heartbeat = ReadDuration(fields, "heartbeat", allowZero: false);
        var after = ReadNameList(fields, "after", symbol: false);
        var description = ReadString(fields, "description", required: false);
        var when = ReadCondition(fields);
        var forEach = ReadForEach(fields);
        return new TaskNode(name, action, input, requires, provides, revert, retry, timeout, heartbeat, after, description, path, when, forEach);
    }

    /// <summary>SPEC §3.6: <c>for_each</c> is one placeholder naming an array; <c>as</c>, <c>concurrency</c> and <c>max_failures</c> go with it.</summary>
    private FanOut? ReadForEach(ObjectFields fields)
    {
        var @as = fields.Has("as") ? ReadName(fields, "as", required: false, symbol: true) : null;
        var concurrency = ReadInt(fields, "concurrency", minimum: 1, required: false);
        if (concurrency > FanOut.MaxConcurrency)
        {
            _errors.Add(fields.PathOf("concurrency"), $"must be at most {FanOut.MaxConcurrency}");
        }

        var maxFailures = ReadInt(fields, "max_failures", minimum: 0, required: false);
        if (ReadString(fields, "for_each", required: false) is not { } text)
        {
            foreach (var key in FanOutKeys.Where(fields.Has))
            {
                _errors.Add(fields.PathOf(key), $"'{key}' needs 'for_each'");
            }

            return null;
        }

        if (!Template.TryParse(text, out var template, out _) || template.Parts is not [Placeholder { IsContext: false } source])
        {
            _errors.Add(fields.PathOf("for_each"), "must be one placeholder naming an array, such as \"${hosts}\"");
            return null;
        }

        return new FanOut(source, @as ?? FanOut.DefaultAs, concurrency ?? FanOut.DefaultConcurrency, maxFailures ?? 0);
    }

    /// <summary>SPEC §3.5: a JavaScript expression; one that does not parse is an error at its path.</summary>
    private Condition? ReadCondition(ObjectFields fields)
    {
        if (ReadString(fields, "when", required: false) is not { } text)
        {
            return null;
        }

        if (Condition.TryParse(text, out var condition, out var error))
        {
            return condition;
        }

        _errors.Add(fields.PathOf("when"), error!);
        return null;
    }

    private CheckpointNode ReadCheckpoint(JsonElement element, string path)
    {
        var fields = ObjectFields.Read(element, path, CheckpointKeys, _errors);
        var name = ReadName(fields, "checkpoint", required: true, symbol: false) ?? string.Empty;
        var retry = fields.TryGet("retry", out var retryElement) ? ReadScopeRetry(retryElement, fields.PathOf("retry")) : null;
        RetentionPolicy? retention = null;
        if (fields.TryGet("retention", out var retentionElement) && ExpectObject(retentionElement, fields.PathOf("retention")))
        {
            var retentionFields = ObjectFields.Read(retentionElement, fields.PathOf("retention"), RetentionKeys, _errors);
            var keepCheckpoints = ReadInt(retentionFields, "keep_checkpoints", minimum: 1, required: false);
            var keepFor = ReadDuration(retentionFields, "keep_for", allowZero: false);
            if (!retentionFields.Has("keep_checkpoints") && !retentionFields.Has("keep_for"))
            {
                _errors.Add(retentionFields.Path, "set 'keep_checkpoints', 'keep_for' or both");
            }

            retention = new RetentionPolicy(keepCheckpoints, keepFor);
        }

        return new CheckpointNode(name, retry, retention, path);
    }

    private string ReadAction(ObjectFields fields, bool revert = false)
    {
        var action = ReadString(fields, "action", required: true);
        if (action is null)
        {
            return string.Empty;
        }

        if (revert)
        {
            ActionRule.CheckRevert(action, fields.PathOf("action"), _errors);
        }
        else
        {
            ActionRule.Check(action, fields.PathOf("action"), _errors);
        }

        return action;
    }

    private Provides? ReadProvides(JsonElement element, string path)
    {
        if (JsonText.TryGetString(element, out var whole))
        {
            NameRule.Check(whole, path, symbol: true, _errors);
            return Provides.Whole(whole);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(path, element.ValueKind == JsonValueKind.String
                ? JsonText.InvalidText
                : $"must be a name or an object of name: path, not {JsonText.Describe(element.ValueKind)}");
            return null;
        }

        var paths = ImmutableArray.CreateBuilder<ProvidedPath>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!JsonText.TryGetName(property, out var name))
            {
                _errors.Add(path, "a property name " + JsonText.InvalidText);
                continue;
            }

            var entryPath = DefinitionPath.Property(path, name);
            NameRule.Check(name, entryPath, symbol: true, _errors);
            if (!seen.Add(name))
            {
                _errors.Add(entryPath, $"duplicate property '{Text.Truncate(name)}'");
                continue;
            }

            if (!JsonText.TryGetString(property.Value, out var pathText))
            {
                _errors.Add(entryPath, $"must be a dotted path into the result, such as body.id, not {JsonText.Describe(property.Value.ValueKind)}");
                paths.Add(new ProvidedPath(name, SymbolPath.Empty));
            }
            else if (!SymbolPath.TryParse(pathText, out var symbolPath))
            {
                _errors.Add(entryPath, $"'{Text.Truncate(pathText)}' is not a path into the result: use '.'-separated segments of letters, digits, '_' or '-', such as body.items.0.id");
                paths.Add(new ProvidedPath(name, SymbolPath.Empty));
            }
            else
            {
                paths.Add(new ProvidedPath(name, symbolPath));
            }
        }

        if (paths.Count == 0 && seen.Count == 0)
        {
            _errors.Add(path, "must provide at least one name");
        }

        return Provides.ByPath(paths.ToImmutable());
    }

    private RevertDefinition? ReadRevert(JsonElement element, string path)
    {
        if (!ExpectObject(element, path))
        {
            return null;
        }

        var fields = ObjectFields.Read(element, path, RevertKeys, _errors);
        var action = ReadAction(fields, revert: true);
        JsonElement? input = fields.TryGet("input", out var inputElement) ? inputElement.Clone() : null;
        return new RevertDefinition(action, input);
    }

    private RetryPolicy? ReadRetry(JsonElement element, string path)
    {
        if (!ExpectObject(element, path))
        {
            return null;
        }

        var fields = ObjectFields.Read(element, path, RetryKeys, _errors);
        var count = ReadInt(fields, "count", minimum: 0, required: true) ?? 0;
        var delay = ReadDuration(fields, "delay", allowZero: true);
        var backoff = ReadEnum(fields, "backoff", Backoffs, required: false) ?? BackoffKind.Fixed;
        var maxDelay = ReadDuration(fields, "max_delay", allowZero: false);
        if (maxDelay < delay)
        {
            _errors.Add(fields.PathOf("max_delay"), "must not be shorter than 'delay'");
        }

        var on = ImmutableArray.CreateBuilder<string>();
        if (fields.TryGet("on", out var onElement))
        {
            if (onElement.ValueKind != JsonValueKind.Array)
            {
                _errors.Add(fields.PathOf("on"), $"must be an array of error types, not {JsonText.Describe(onElement.ValueKind)}");
            }
            else
            {
                var index = 0;
                foreach (var type in onElement.EnumerateArray())
                {
                    if (JsonText.TryGetString(type, out var text) && text.Length > 0)
                    {
                        on.Add(text);
                    }
                    else
                    {
                        _errors.Add(DefinitionPath.Index(fields.PathOf("on"), index), "must be a non-empty error type string");
                    }

                    index++;
                }
            }
        }

        return new RetryPolicy(count, delay ?? TimeSpan.Zero, backoff, maxDelay, on.ToImmutable());
    }

    private ScopeRetry? ReadScopeRetry(JsonElement element, string path)
    {
        if (!ExpectObject(element, path))
        {
            return null;
        }

        var fields = ObjectFields.Read(element, path, ScopeRetryKeys, _errors);
        ImmutableArray<JsonElement> values = default;
        if (fields.TryGet("for_each", out var valuesElement))
        {
            if (fields.Has("count"))
            {
                _errors.Add(path, "a retry has either 'count' or 'for_each', not both");
            }

            if (valuesElement.ValueKind != JsonValueKind.Array || valuesElement.GetArrayLength() == 0)
            {
                _errors.Add(fields.PathOf("for_each"), "must be a non-empty array of the values to run the scope with, one per pass");
            }
            else
            {
                values = [.. valuesElement.EnumerateArray().Select(v => v.Clone())];
            }
        }

        var count = fields.Has("for_each") ? 0 : ReadInt(fields, "count", minimum: 0, required: true) ?? 0;
        var delay = ReadDuration(fields, "delay", allowZero: true);
        var provides = fields.Has("provides") ? ReadName(fields, "provides", required: false, symbol: true) : null;
        var then = ReadEnum(fields, "then", Thens, required: false) ?? RetryThen.Propagate;
        return new ScopeRetry(count, delay ?? TimeSpan.Zero, values, provides, then);
    }

    private RepeatPolicy? ReadRepeat(JsonElement element, string path)
    {
        if (!ExpectObject(element, path))
        {
            return null;
        }

        var fields = ObjectFields.Read(element, path, RepeatKeys, _errors);
        var every = ReadDuration(fields, "every", allowZero: false);
        if (!fields.Has("every"))
        {
            _errors.Add(fields.PathOf("every"), "required property 'every' is missing");
        }

        var times = ReadInt(fields, "times", minimum: 1, required: false);
        return new RepeatPolicy(every ?? TimeSpan.Zero, times);
    }

    private bool ExpectObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        _errors.Add(path, $"must be an object, not {JsonText.Describe(element.ValueKind)}");
        return false;
    }

    private string? ReadString(ObjectFields fields, string key, bool required)
    {
        if (!fields.TryGet(key, out var element))
        {
            if (required)
            {
                _errors.Add(fields.PathOf(key), $"required property '{key}' is missing");
            }

            return null;
        }

        if (JsonText.TryGetString(element, out var text))
        {
            return text;
        }

        _errors.Add(fields.PathOf(key), element.ValueKind == JsonValueKind.String
            ? JsonText.InvalidText
            : $"must be a string, not {JsonText.Describe(element.ValueKind)}");
        return null;
    }

    private string? ReadName(ObjectFields fields, string key, bool required, bool symbol)
    {
        var name = ReadString(fields, key, required);
        if (name is not null)
        {
            NameRule.Check(name, fields.PathOf(key), symbol, _errors);
        }

        return name;
    }

    private ImmutableArray<string> ReadNameList(ObjectFields fields, string key, bool symbol)
    {
        if (!fields.TryGet(key, out var element))
        {
            return [];
        }

        var path = fields.PathOf(key);
        if (element.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(path, $"must be an array of names, not {JsonText.Describe(element.ValueKind)}");
            return [];
        }

        var names = ImmutableArray.CreateBuilder<string>();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in element.EnumerateArray())
        {
            var entryPath = DefinitionPath.Index(path, index);
            if (!JsonText.TryGetString(entry, out var name))
            {
                _errors.Add(entryPath, entry.ValueKind == JsonValueKind.String
                    ? JsonText.InvalidText
                    : $"must be a name, not {JsonText.Describe(entry.ValueKind)}");
                names.Add(string.Empty);
            }
            else
            {
                NameRule.Check(name, entryPath, symbol, _errors);
                if (!first.TryAdd(name, index))
                {
                    _errors.Add(entryPath, $"'{Text.Truncate(name)}' is listed twice (first at {DefinitionPath.Index(path, first[name])})");
                }

                names.Add(name);
            }

            index++;
        }

        return names.ToImmutable();
    }

    private int? ReadInt(ObjectFields fields, string key, int minimum, bool required)
    {
        if (!fields.TryGet(key, out var element))
        {
            if (required)
            {
                _errors.Add(fields.PathOf(key), $"required property '{key}' is missing");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            _errors.Add(fields.PathOf(key), element.ValueKind == JsonValueKind.Number
                ? "must be a whole number"
                : $"must be a whole number, not {JsonText.Describe(element.ValueKind)}");
            return null;
        }

        if (value < minimum)
        {
            _errors.Add(fields.PathOf(key), $"must be at least {minimum}");
            return null;
        }

        return value;
    }

    private TimeSpan? ReadDuration(ObjectFields fields, string key, bool allowZero) =>
        fields.TryGet(key, out var element) ? DurationRule.Read(element, fields.PathOf(key), allowZero, _errors) : null;

    private T? ReadEnum<T>(ObjectFields fields, string key, (string Name, T Value)[] values, bool required)
        where T : struct, Enum
    {
        var text = ReadString(fields, key, required);
        if (text is null)
        {
            return null;
        }

        foreach (var (name, value) in values)
        {
            if (name == text)
            {
                return value;
            }
        }

        _errors.Add(fields.PathOf(key), $"must be one of {string.Join(", ", values.Select(v => $"'{v.Name}'"))}, not '{Text.Truncate(text)}'");
        return null;
    }
}
