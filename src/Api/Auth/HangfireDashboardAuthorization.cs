using Hangfire.Dashboard;

namespace WfaaS.Api.Auth;

/// <summary>SPEC §6: the Hangfire dashboard is for admins; without API keys, for local requests only.</summary>
internal sealed class HangfireDashboardAuthorization(ApiKeyOptions keys) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!keys.Enabled)
        {
            return new LocalRequestsOnlyAuthorizationFilter().Authorize(context);
        }

        var http = context.GetHttpContext();
        return http.User.IsInRole(Roles.Admin);
    }
}
