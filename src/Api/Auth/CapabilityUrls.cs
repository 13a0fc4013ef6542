using System.Security.Claims;

namespace WfaaS.Api.Auth;

/// <summary>
/// SPEC §8: capability URLs (<c>callback_url</c>, <c>approve_url</c>) carry the power to act, so they
/// appear only in answers to a key whose role may act; a <c>reader</c> sees the same entries without
/// them. Open mode (no keys) lets everyone act, so everyone sees them.
/// </summary>
internal sealed class CapabilityUrls(ApiKeyOptions keys)
{
    public bool ShownTo(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !keys.Enabled || user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Admin);
    }
}
