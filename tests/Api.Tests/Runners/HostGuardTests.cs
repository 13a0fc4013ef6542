using System.Net;
using WfaaS.Scheduler.Runners;

namespace WfaaS.Api.Tests.Runners;

/// <summary>
/// SPEC §2 <c>Actions__Http__AllowedHosts</c>: the guard's decision on addresses, in every spelling a URL
/// or a DNS answer can give them. Decisions only: no test sends traffic anywhere but loopback.
/// </summary>
public sealed class HostGuardTests
{
    public static TheoryData<string, AddressClass> Spellings => new()
    {
        { "127.0.0.1", AddressClass.Internal },
        { "127.1", AddressClass.Internal },
        { "0x7f000001", AddressClass.Internal },
        { "2130706433", AddressClass.Internal },
        { "0177.0.0.1", AddressClass.Internal },
        { "127.255.255.254", AddressClass.Internal },
        { "::ffff:127.0.0.1", AddressClass.Internal },
        { "::ffff:7f00:1", AddressClass.Internal },
        { "::127.0.0.1", AddressClass.Internal },
        { "64:ff9b::7f00:1", AddressClass.Internal },
        { "::1", AddressClass.Internal },
        { "[::1]", AddressClass.Internal },
        { "0.0.0.0", AddressClass.Internal },
        { "0", AddressClass.Internal },
        { "::", AddressClass.Internal },
        { "::ffff:0.0.0.0", AddressClass.Internal },
        { "10.1.2.3", AddressClass.Internal },
        { "::ffff:10.1.2.3", AddressClass.Internal },
        { "172.16.0.1", AddressClass.Internal },
        { "172.31.0.1", AddressClass.Internal },
        { "::ffff:172.31.0.1", AddressClass.Internal },
        { "192.168.1.1", AddressClass.Internal },
        { "::ffff:192.168.1.1", AddressClass.Internal },
        { "100.64.0.1", AddressClass.Internal },
        { "fd00::1", AddressClass.Internal },
        { "fc00::1", AddressClass.Internal },
        { "[fd12:3456::1]", AddressClass.Internal },
        { "169.254.169.254", AddressClass.Forbidden },
        { "169.254.10.1", AddressClass.Forbidden },
        { "0xa9fea9fe", AddressClass.Forbidden },
        { "::ffff:169.254.169.254", AddressClass.Forbidden },
        { "64:ff9b::a9fe:a9fe", AddressClass.Forbidden },
        { "fe80::1", AddressClass.Forbidden },
        { "fe80::1%2", AddressClass.Forbidden },
        { "fd00:ec2::254", AddressClass.Forbidden },
        { "[fd00:ec2::254]", AddressClass.Forbidden },
        { "100.100.100.200", AddressClass.Forbidden },
        { "::ffff:100.100.100.200", AddressClass.Forbidden },
        { "172.15.255.255", AddressClass.Public },
        { "172.32.0.1", AddressClass.Public },
        { "100.128.0.1", AddressClass.Public },
        { "93.184.216.34", AddressClass.Public },
        { "::ffff:93.184.216.34", AddressClass.Public },
        { "2001:db8::1", AddressClass.Public },
        { "2606:4700::1111", AddressClass.Public },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Classify_EverySpelling_IsTheClassOfTheAddressInside(string spelling, AddressClass expected) =>
        Assert.Equal(expected, HostGuard.Classify(IPAddress.Parse(spelling)));

    [Theory]
    [MemberData(nameof(Spellings))]
    public void IsAddressAllowed_WithoutPatterns_AllowsPublicAddressesOnly(string spelling, AddressClass expected)
    {
        var guard = Guard([]);

        Assert.Equal(expected == AddressClass.Public, guard.IsAddressAllowed("service.example", IPAddress.Parse(spelling), 443));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public void IsAddressAllowed_StarPattern_OpensNothingInside(string spelling, AddressClass expected)
    {
        var guard = Guard(["*"]);

        Assert.True(guard.IsHostAllowed("localhost"));
        Assert.Equal(expected == AddressClass.Public, guard.IsAddressAllowed("localhost", IPAddress.Parse(spelling), 443));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public void IsAddressAllowed_HostNamedByAPattern_AllowsEverythingButLinkLocalAndMetadata(string spelling, AddressClass expected)
    {
        var guard = Guard(["localhost", "127.0.0.1", "*.corp.example"]);

        foreach (var host in new[] { "localhost", "127.0.0.1", "db.corp.example" })
        {
            Assert.Equal(expected != AddressClass.Forbidden, guard.IsAddressAllowed(host, IPAddress.Parse(spelling), 443));
        }

        // A host no pattern names gets no internal address, even beside patterns that name others.
        Assert.Equal(expected == AddressClass.Public, guard.IsAddressAllowed("evil.example", IPAddress.Parse(spelling), 443));
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.1", true)]
    [InlineData("127.0.0.1", "0x7f000001", true)]
    [InlineData("[::1]", "::1", true)]
    [InlineData("::1", "[::1]", true)]
    [InlineData("localhost", "LOCALHOST", true)]
    [InlineData("localhost", "127.0.0.1", false)]
    [InlineData("127.0.0.1", "localhost", false)]
    [InlineData("*.corp.example", "db.corp.example", true)]
    [InlineData("*.corp.example", "corp.example.evil", false)]
    [InlineData("*", "localhost", false)]
    public void NamesHost_ComparesNamesAndIpLiteralsInTheirCanonicalSpelling(string pattern, string host, bool named) =>
        Assert.Equal(named, Guard([pattern]).NamesHost(host));

    [Theory]
    [InlineData("http://203.0.113.5:8080", "203.0.113.5", 8080, false)]
    [InlineData("http://203.0.113.5:8080", "::ffff:203.0.113.5", 8080, false)]
    [InlineData("http://203.0.113.5:8080", "203.0.113.5", 9000, true)]
    [InlineData("https://203.0.113.5", "203.0.113.5", 443, false)]
    [InlineData("http://[2001:db8::5]:8080", "2001:db8::5", 8080, false)]
    [InlineData("http://[2001:db8::5]:8080", "2001:db8::6", 8080, true)]
    [InlineData("http://unix:/run/wfaas.sock", "203.0.113.5", 80, true)]
    public void IsAddressAllowed_TheServicesOwnListenEndpoint_IsRefusedUnlessNamed(string listen, string address, int port, bool allowed)
    {
        Assert.Equal(allowed, Guard([], [listen]).IsAddressAllowed("api.example", IPAddress.Parse(address), port));
        Assert.True(Guard(["api.example"], [listen]).IsAddressAllowed("api.example", IPAddress.Parse(address), port));
    }

    [Fact]
    public void Refusal_SaysWhyAndWhatToConfigure()
    {
        var guard = Guard([]);

        Assert.Contains("always refused", guard.Refusal("x.example", IPAddress.Parse("169.254.169.254"), 80), StringComparison.Ordinal);
        Assert.Contains("name 'localhost' in Actions:Http:AllowedHosts", guard.Refusal("localhost", IPAddress.Loopback, 80), StringComparison.Ordinal);
        Assert.Null(guard.Refusal("x.example", IPAddress.Parse("93.184.216.34"), 80));
    }

    [Theory]
    [InlineData("api.example.com", true)]
    [InlineData("deep.jobs.example.com", true)]
    [InlineData("jobs.example.com", true)]
    [InlineData("example.com", false)]
    [InlineData("evil-example.com", false)]
    [InlineData("example.org", false)]
    public void IsHostAllowed_MatchesExactAndWildcardPatterns(string host, bool allowed) =>
        Assert.Equal(allowed, Guard(["api.example.com", "*.jobs.example.com", "jobs.example.com"]).IsHostAllowed(host));

    [Fact]
    public void IsHostAllowed_WithoutPatterns_AllowsEveryHost() =>
        Assert.True(Guard([]).IsHostAllowed("anything.test"));

    private static HostGuard Guard(string[] patterns, string[]? listen = null)
    {
        var options = new HttpActionOptions();
        foreach (var pattern in patterns)
        {
            options.AllowedHosts.Add(pattern);
        }

        return new HostGuard(options, () => listen ?? []);
    }
}
