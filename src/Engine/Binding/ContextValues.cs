namespace WfaaS.Engine.Binding;

/// <summary>The reserved <c>${ctx.*}</c> values (SPEC §3.2).</summary>
public static class ContextValues
{
    public const string Root = "ctx";
    public const string ExecutionId = "execution_id";
    public const string Task = "task";
    public const string Attempt = "attempt";
    public const string Result = "result";
    public const string Error = "error";

    /// <summary>The 0-based index of a <c>for_each</c> element (SPEC §3.6); null elsewhere.</summary>
    public const string Index = "index";

    /// <summary>Null when <paramref name="placeholder"/> is a context value allowed here, else why not.</summary>
    public static string? Check(Placeholder placeholder, bool inRevert)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        var segments = placeholder.Segments;
        if (segments.Length == 2 && segments[1] is ExecutionId or Task or Attempt or Index)
        {
            return null;
        }

        if (segments.Length >= 2 && segments[1] is Result or Error)
        {
            return inRevert ? null : $"'{placeholder}' is only available in revert input";
        }

        return $"unknown context value '{Text.Truncate(placeholder.ToString())}'; expected ${{ctx.execution_id}}, ${{ctx.task}}, ${{ctx.attempt}} or ${{ctx.index}}"
            + (inRevert ? ", or ${ctx.result} or ${ctx.error} with an optional path" : string.Empty);
    }
}
