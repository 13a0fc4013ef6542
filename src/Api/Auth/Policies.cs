namespace WfaaS.Api.Auth;

/// <summary>Authorization policies by the least role that passes.</summary>
internal static class Policies
{
    public const string Reader = "reader";
    public const string Operator = "operator";
    public const string Admin = "admin";
}
