namespace WfaaS.Cli;

/// <summary>SPEC §11: 0 on success, 1 when <c>run --wait</c> ends other than SUCCESS, 2 on a usage or request error.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary><c>run --wait</c>: the execution ended (or stopped, or the wait timed out) other than SUCCESS.</summary>
    public const int NotSuccess = 1;

    /// <summary>Bad arguments, an unreachable service, or an error answer (a problem body) from the API.</summary>
    public const int Error = 2;
}
