using Microsoft.AspNetCore.Authorization;

namespace WfaaS.Api.Auth;

internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddWfaasAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = new ApiKeyOptions();
        foreach (var entry in configuration.GetSection($"{ApiKeyOptions.SectionName}:ApiKeys").GetChildren())
        {
            var key = entry["Key"];
            var role = entry["Role"]?.ToLowerInvariant();
            if (string.IsNullOrEmpty(key) || !Roles.All.Contains(role))
            {
                throw new InvalidOperationException($"Auth:ApiKeys:{entry.Key} needs a Key and a Role of {string.Join(", ", Roles.All)}.");
            }

            keys.ApiKeys.Add(new ApiKeyEntry { Key = key, Role = role! });
        }

        services.AddSingleton(keys);
        services.AddSingleton<CapabilityUrls>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, RoleRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Reader, p => p.AddRequirements(new RoleRequirement(Roles.Reader, Roles.Operator, Roles.Admin)))
            .AddPolicy(Policies.Operator, p => p.AddRequirements(new RoleRequirement(Roles.Operator, Roles.Admin)))
            .AddPolicy(Policies.Admin, p => p.AddRequirements(new RoleRequirement(Roles.Admin)));
        return services;
    }
}
