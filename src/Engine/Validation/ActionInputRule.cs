using System.Collections.Frozen;
using System.Text.Json;
using WfaaS.Engine.Binding;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>
/// SPEC §3.4: the input of each built-in action, for <c>input</c> and <c>revert.input</c>. A value holding a placeholder is only
/// known at run time, so its value is not checked; a field that needs a non-string value accepts a string only when it is
/// exactly one placeholder (an interpolated string is always text).
/// </summary>
internal sealed class ActionInputRule : IDefinitionRule
{
    private static readonly FrozenDictionary<string, string[]> Keys = new Dictionary<string, string[]>
    {
        [BuiltInActions.Noop] = [],
        [BuiltInActions.Echo] = ["value"],
        [BuiltInActions.Fail] = ["message", "type"],
        [BuiltInActions.Wait] = ["duration", "until"],
        [BuiltInActions.Http] = ["method", "url", "headers", "body", "timeout", "success_codes"],
        [BuiltInActions.Delegate] = ["url", "method", "headers", "body"],
        [BuiltInActions.Approval] = ["prompt", "approvers", "quorum"],
        [BuiltInActions.Workflow] = ["workflow", "version", "input"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public void Check(FlowStructure structure, ErrorList errors)
    {
        foreach (var task in structure.Tasks)
        {
            CheckInput(task.Action, task.Input, DefinitionPath.Property(task.Path, "input"), errors);
            if (task.Revert is { } revert)
            {
                CheckInput(revert.Action, revert.Input, DefinitionPath.Property(DefinitionPath.Property(task.Path, "revert"), "input"), errors);
            }
        }
    }

    private static void CheckInput(string action, JsonElement? input, string path, ErrorList errors)
    {
        if (!Keys.TryGetValue(action, out var keys))
        {
            return;
        }

        if (input is { ValueKind: not JsonValueKind.Object } wrong)
        {
            errors.Add(path, $"must be an object, not {JsonText.Describe(wrong.ValueKind)}");
            return;
        }

        var fields = input is { } element ? ObjectFields.Read(element, path, keys, errors) : ObjectFields.Read(default, path, keys, errors);
        var check = new Fields(fields, errors);
        switch (action)
        {
            case BuiltInActions.Echo:
                check.Required("value");
                break;
            case BuiltInActions.Fail:
                check.String("message", required: true);
                check.String("type", required: false);
                break;
            case BuiltInActions.Wait:
                CheckWait(fields, check, errors);
                break;
            case BuiltInActions.Http:
                check.Method(required: true);
                check.Url(required: true);
                check.Headers();
                check.Duration("timeout", allowZero: false);
                check.StatusCodes();
                break;
            case BuiltInActions.Delegate:
                check.Url(required: false);
                check.Method(required: false);
                check.Headers();
                break;
            case BuiltInActions.Approval:
                check.String("prompt", required: true);
                check.Strings("approvers");
                check.Quorum();
                break;
            case BuiltInActions.Workflow:
                check.WorkflowName();
                check.Version();
                check.Object("input");
                break;
            default:
                break;
        }
    }

    private static void CheckWait(ObjectFields fields, Fields check, ErrorList errors)
    {
        var hasDuration = fields.Has("duration");
        var hasUntil = fields.Has("until");
        if (hasDuration == hasUntil)
        {
            errors.Add(fields.Path, hasDuration
                ? "set exactly one of 'duration' or 'until', not both"
                : "set exactly one of 'duration' (ISO 8601) or 'until' (RFC 3339)");
            return;
        }

        check.Duration("duration", allowZero: true);
        check.Until();
    }

    private sealed class Fields(ObjectFields fields, ErrorList errors)
    {
        public void Required(string key)
        {
            if (!fields.Has(key))
            {
                errors.Add(fields.PathOf(key), $"required property '{key}' is missing");
            }
        }

        public string? String(string key, bool required)
        {
            if (!fields.TryGet(key, out var element))
            {
                if (required)
                {
                    Required(key);
                }

                return null;
            }

            if (JsonText.TryGetString(element, out var text))
            {
                return text;
            }

            if (element.ValueKind != JsonValueKind.String)
            {
                errors.Add(fields.PathOf(key), $"must be a string, not {JsonText.Describe(element.ValueKind)}");
            }

            return null;
        }

        public void Method(bool required)
        {
            if (String("method", required) is { } method && !Template.MayContainPlaceholder(method) && !Methods.Contains(method, StringComparer.Ordinal))
            {
                errors.Add(fields.PathOf("method"), $"must be one of {string.Join(", ", Methods)}, not '{Text.Truncate(method)}'");
            }
        }

        public void Url(bool required)
        {
            if (String("url", required) is not { } url || Template.MayContainPlaceholder(url))
            {
                return;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            {
                errors.Add(fields.PathOf("url"), $"must be an absolute http or https URL, not '{Text.Truncate(url)}'");
            }
        }

        public void Duration(string key, bool allowZero)
        {
            if (String(key, required: false) is { } text && !Template.MayContainPlaceholder(text))
            {
                DurationRule.Check(text, fields.PathOf(key), allowZero, errors);
            }
        }

        public void Until()
        {
            if (String("until", required: false) is { } text && !Template.MayContainPlaceholder(text) && !Rfc3339.TryParse(text, out _))
            {
                errors.Add(fields.PathOf("until"), $"must be an RFC 3339 timestamp with an offset, such as 2026-01-31T12:00:00Z, not '{Text.Truncate(text)}'");
            }
        }

        public void WorkflowName()
        {
            if (String("workflow", required: true) is { } name && !Template.MayContainPlaceholder(name) && !NameRule.IsValid(name))
            {
                errors.Add(fields.PathOf("workflow"), $"'{Text.Truncate(name)}' is not a valid workflow name");
            }
        }

        public void Version()
        {
            if (!fields.TryGet("version", out var element) || IsTemplated(element, fields.PathOf("version"), "a whole number"))
            {
                return;
            }

            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var version) || version < 1)
            {
                errors.Add(fields.PathOf("version"), "must be a whole number of at least 1");
            }
        }

        public void Object(string key)
        {
            if (fields.TryGet(key, out var element) && !IsTemplated(element, fields.PathOf(key), "an object")
                && element.ValueKind != JsonValueKind.Object)
            {
                errors.Add(fields.PathOf(key), $"must be an object, not {JsonText.Describe(element.ValueKind)}");
            }
        }

        public void Headers()
        {
            if (!fields.TryGet("headers", out var element) || IsTemplated(element, fields.PathOf("headers"), "an object"))
            {
                return;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add(fields.PathOf("headers"), $"must be an object of header names to strings, not {JsonText.Describe(element.ValueKind)}");
                return;
            }

            foreach (var header in element.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.String && JsonText.TryGetName(header, out var name))
                {
                    errors.Add(DefinitionPath.Property(fields.PathOf("headers"), name), $"must be a string, not {JsonText.Describe(header.Value.ValueKind)}");
                }
            }
        }

        public void StatusCodes()
        {
            var path = fields.PathOf("success_codes");
            if (!fields.TryGet("success_codes", out var element) || IsTemplated(element, path, "an array"))
            {
                return;
            }

            if (element.ValueKind != JsonValueKind.Array)
            {
                errors.Add(path, $"must be an array of HTTP status codes, not {JsonText.Describe(element.ValueKind)}");
                return;
            }

            var index = 0;
            foreach (var code in element.EnumerateArray())
            {
                var codePath = DefinitionPath.Index(path, index++);
                if (!IsTemplated(code, codePath, "a whole number")
                    && (code.ValueKind != JsonValueKind.Number || !code.TryGetInt32(out var value) || value is < 100 or > 599))
                {
                    errors.Add(codePath, "must be an HTTP status code from 100 to 599");
                }
            }
        }

        public void Strings(string key)
        {
            var path = fields.PathOf(key);
            if (!fields.TryGet(key, out var element) || IsTemplated(element, path, "an array"))
            {
                return;
            }

            if (element.ValueKind != JsonValueKind.Array)
            {
                errors.Add(path, $"must be an array of strings, not {JsonText.Describe(element.ValueKind)}");
                return;
            }

            var index = 0;
            foreach (var entry in element.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.String)
                {
                    errors.Add(DefinitionPath.Index(path, index), $"must be a string, not {JsonText.Describe(entry.ValueKind)}");
                }

                index++;
            }
        }

        /// <summary>
        /// SPEC §3.3, §3.4.1: approvers are distinct; <c>quorum</c> is a whole number from 1 to the
        /// number of approvers, and needs them. A placeholder is checked when it is bound.
        /// </summary>
        public void Quorum()
        {
            var hasApprovers = fields.TryGet("approvers", out var approvers);
            var listed = hasApprovers && approvers.ValueKind == JsonValueKind.Array
                ? approvers.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList()
                : null;
            if (listed is not null)
            {
                foreach (var duplicate in listed.GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1))
                {
                    errors.Add(fields.PathOf("approvers"), $"lists '{Text.Truncate(duplicate.Key)}' more than once");
                }
            }

            var path = fields.PathOf("quorum");
            if (!fields.TryGet("quorum", out var element))
            {
                return;
            }

            if (!hasApprovers)
            {
                errors.Add(path, "needs 'approvers': a quorum counts named approvers");
                return;
            }

            if (IsTemplated(element, path, "a whole number"))
            {
                return;
            }

            var count = listed?.Distinct(StringComparer.Ordinal).Count();
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var quorum) || quorum < 1 || (count is { } n && quorum > n))
            {
                errors.Add(path, count is { } c
                    ? $"must be a whole number from 1 to the number of approvers ({c})"
                    : "must be a whole number of at least 1");
            }
        }

        /// <summary>True when a string stands in for a non-string value: fine if exactly one placeholder, else an error.</summary>
        private bool IsTemplated(JsonElement element, string path, string expected)
        {
            if (!JsonText.TryGetString(element, out var text) || !Template.MayContainPlaceholder(text))
            {
                return false;
            }

            if (Template.TryParse(text, out var template, out _) && !template.IsSinglePlaceholder)
            {
                errors.Add(path, $"must be {expected}; only a string that is exactly one placeholder can supply it");
            }

            return true;
        }
    }
}
