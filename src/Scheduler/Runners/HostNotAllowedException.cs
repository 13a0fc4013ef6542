namespace WfaaS.Scheduler.Runners;

/// <summary>The target host or address is not allowed (SPEC §2).</summary>
public sealed class HostNotAllowedException(string message) : Exception(message);
