namespace WfaaS.Api.Auth;

/// <summary>SPEC §8: <c>reader</c> GETs; <c>operator</c> also starts executions and runs commands; <c>admin</c> everything.</summary>
internal static class Roles
{
    public const string Reader = "reader";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static readonly string[] All = [Reader, Operator, Admin];
}
