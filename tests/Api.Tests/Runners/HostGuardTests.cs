using System.Net;
using WfaaS.Scheduler.Runners;

namespace WfaaS.Api.Tests.Runners;

/// <summary>SPEC §2 <c>Actions__Http__AllowedHosts</c> and the always-refused addresses.</summary>
public sealed class HostGuardTests
{
    [Theory]
    [InlineData("169.254.169.254", false)]
    [InlineData("169.254.10.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00:ec2::254", false)]
    [InlineData("100.100.100.200", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2001:db8::1", true)]
    public void IsAddressAllowed_RefusesLinkLocalAndMetadataOnly(string address, bool allowed) =>
        Assert.Equal(allowed, HostGuard.IsAddressAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("api.example.com", true)]
    [InlineData("deep.jobs.example.com", true)]
    [InlineData("jobs.example.com", true)]
    [InlineData("example.com", false)]
    [InlineData("evil-example.com", false)]
    [InlineData("example.org", false)]
    public void IsHostAllowed_MatchesExactAndWildcardPatterns(string host, bool allowed)
    {
        var options = new HttpActionOptions();
        options.AllowedHosts.Add("api.example.com");
        options.AllowedHosts.Add("*.jobs.example.com");
        options.AllowedHosts.Add("jobs.example.com");

        Assert.Equal(allowed, new HostGuard(options).IsHostAllowed(host));
    }

    [Fact]
    public void IsHostAllowed_WithoutPatterns_AllowsEveryHost() =>
        Assert.True(new HostGuard(new HttpActionOptions()).IsHostAllowed("anything.test"));
}
