namespace WfaaS.Api.Definitions;

/// <summary>The body is not well-formed JSON or YAML (400).</summary>
internal sealed class MalformedDocumentException(string message) : Exception(message)
{
    /// <summary>
    /// Whether a parser's exception means "this text is malformed": anything but our own verdict and
    /// the failures no request may swallow (out of memory, a torn-down thread).
    /// </summary>
    public static bool IsParserFailure(Exception exception) => exception is not (
        MalformedDocumentException or OutOfMemoryException or ThreadAbortException or ThreadInterruptedException
        or AccessViolationException or OperationCanceledException);
}
