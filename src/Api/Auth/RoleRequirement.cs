using Microsoft.AspNetCore.Authorization;

namespace WfaaS.Api.Auth;

/// <summary>Passes for any of <see cref="Roles"/>, or for everyone while no API key is configured (open mode).</summary>
internal sealed class RoleRequirement(params string[] roles) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles => roles;
}

internal sealed class RoleRequirementHandler(ApiKeyOptions keys) : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (!keys.Enabled || requirement.Roles.Any(context.User.IsInRole))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
