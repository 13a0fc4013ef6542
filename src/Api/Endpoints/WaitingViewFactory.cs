using System.Security.Claims;
using WfaaS.Api.Auth;
using WfaaS.Api.Hosting;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>Hands endpoints a <see cref="WaitingView"/> without each listing its dependencies.</summary>
internal sealed class WaitingViewFactory(ExecutionReader reader, CallbackTokens tokens, PublicUrls urls, CapabilityUrls capabilities)
{
    /// <summary>A view for <paramref name="user"/>: with callback URLs only if its role may act (SPEC §8).</summary>
    public WaitingView Create(ClaimsPrincipal user) => new(reader, tokens, urls, capabilities.ShownTo(user));
}
