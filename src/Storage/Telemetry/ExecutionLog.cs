using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace WfaaS.Storage.Telemetry;

/// <summary>
/// The log scope of work on one execution (SPEC §10: logs carry trace and execution ids): every
/// line logged inside it, by us or by a library, carries <c>ExecutionId</c> and <c>TraceId</c>.
/// </summary>
public static class ExecutionLog
{
    private static readonly Func<ILogger, Guid, string?, IDisposable?> Define =
        LoggerMessage.DefineScope<Guid, string?>("Execution {ExecutionId}, trace {TraceId}");

    /// <summary>The scope of <paramref name="executionId"/>, with the trace of the current span (none when nothing traces).</summary>
    public static IDisposable? Scope(ILogger logger, Guid executionId) =>
        Define(logger, executionId, Activity.Current?.TraceId.ToHexString());
}
