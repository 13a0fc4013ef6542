using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace WfaaS.Scheduler.Runners;

/// <summary>
/// Where <c>http</c> and <c>delegate</c> may connect (SPEC §2 <c>Actions__Http__AllowedHosts</c>). Host
/// names are matched against the patterns before sending; every connection (so every redirect
/// target too) checks the addresses the name resolved to:
/// <list type="bullet">
/// <item>link-local and cloud-metadata addresses are refused always;</item>
/// <item>loopback, private, unique-local and unspecified addresses (<see cref="AddressClass.Internal"/>)
/// and this service's own listen endpoints are refused unless a pattern names the host — an exact
/// name (<c>localhost</c>, <c>127.0.0.1</c>) or a suffix (<c>*.svc.cluster.local</c>), never the bare <c>*</c>,
/// which allows every public host but opens nothing inside;</item>
/// <item>every other address is allowed for a host the patterns allow.</item>
/// </list>
/// </summary>
/// <param name="options">The AllowedHosts patterns.</param>
/// <param name="listenAddresses">The URLs this service listens on (Kestrel's server addresses).</param>
public sealed class HostGuard(HttpActionOptions options, Func<IEnumerable<string>> listenAddresses)
{
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");
    private static readonly IPAddress AlibabaMetadata = IPAddress.Parse("100.100.100.200");

    /// <summary>The host passes the patterns (every host when there are none).</summary>
    public bool IsHostAllowed(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return options.AllowedHosts.Count == 0 || options.AllowedHosts.Any(pattern => Matches(pattern.Trim(), host));
    }

    /// <summary>A pattern other than <c>*</c> names the host, which opens its internal addresses.</summary>
    public bool NamesHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return options.AllowedHosts.Select(p => p.Trim()).Any(pattern => pattern != "*" && Matches(pattern, host));
    }

    /// <summary>Whether <paramref name="host"/>, resolved to <paramref name="address"/>, may be connected to on <paramref name="port"/>.</summary>
    public bool IsAddressAllowed(string host, IPAddress address, int port) => Refusal(host, address, port) is null;

    /// <summary>Why the connection is refused, or null when it is allowed.</summary>
    public string? Refusal(string host, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(address);
        return Classify(address) switch
        {
            AddressClass.Forbidden => $"{address} is link-local or cloud metadata, which is always refused",
            AddressClass.Internal when !NamesHost(host) =>
                $"{address} is loopback or private; name '{host}' in Actions:Http:AllowedHosts to allow it",
            AddressClass.Public when IsOwnEndpoint(address, port) && !NamesHost(host) =>
                $"{address}:{port} is this service's own listen address; name '{host}' in Actions:Http:AllowedHosts to allow it",
            _ => null,
        };
    }

    /// <summary>The class of an address in any spelling: IPv4-mapped, IPv4-compatible and NAT64 (64:ff9b::/96) forms count as the IPv4 inside.</summary>
    public static AddressClass Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Embedded(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            if ((b[0] == 169 && b[1] == 254) || address.Equals(AlibabaMetadata))
            {
                return AddressClass.Forbidden;       // link-local, incl. 169.254.169.254 metadata
            }

            return b[0] is 0 or 10 or 127                    // this network (0.0.0.0 reaches the host), private, loopback
                || (b[0] == 172 && (b[1] & 0xF0) == 16)      // 172.16.0.0/12
                || (b[0] == 192 && b[1] == 168)              // 192.168.0.0/16
                || (b[0] == 100 && (b[1] & 0xC0) == 64)      // 100.64.0.0/10, shared (carrier-grade NAT, VPN overlays)
                ? AddressClass.Internal
                : AddressClass.Public;
        }

        if (address.IsIPv6LinkLocal || address.Equals(AwsMetadataV6))
        {
            return AddressClass.Forbidden;
        }

        var v6 = address.GetAddressBytes();
        return address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6Any)
            || (v6[0] & 0xFE) == 0xFC                         // fc00::/7 unique-local
            || address.IsIPv6SiteLocal                        // fec0::/10, deprecated site-local
            ? AddressClass.Internal
            : AddressClass.Public;
    }

    /// <summary>Connects only to allowed addresses; used as <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(Unbracket(host), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => IsAddressAllowed(host, a, port)).ToArray();
        if (allowed.Length == 0)
        {
            var reasons = addresses.Select(a => Refusal(host, a, port)).Distinct(StringComparer.Ordinal);
            throw new HostNotAllowedException($"'{host}' may not be reached: {string.Join("; ", reasons)}.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether a connection to (address, port) would reach this service itself.</summary>
    private bool IsOwnEndpoint(IPAddress address, int port)
    {
        address = Embedded(address);
        foreach (var listen in listenAddresses())
        {
            if (Endpoint(listen) is not { } endpoint || endpoint.Port != port)
            {
                continue;
            }

            if (IPAddress.TryParse(endpoint.Host, out var bound) && !bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any))
            {
                if (Embedded(bound).Equals(address))
                {
                    return true;
                }
            }
            else if (string.Equals(endpoint.Host, "localhost", StringComparison.OrdinalIgnoreCase)
                ? IPAddress.IsLoopback(address)
                : IPAddress.IsLoopback(address) || LocalAddresses().Contains(address))
            {
                // localhost binds loopback; 0.0.0.0, [::], + and * bind every interface.
                return true;
            }
        }

        return false;
    }

    private static HashSet<IPAddress> LocalAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(u => Embedded(u.Address))
                .ToHashSet();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    /// <summary>The host and port of a listen URL such as <c>http://[::]:8080</c> or <c>http://+:80</c>.</summary>
    private static (string Host, int Port)? Endpoint(string listen)
    {
        var schemeEnd = listen.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return null;
        }

        var authority = listen[(schemeEnd + 3)..];
        authority = authority.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? authority[..slash] : authority;
        var colon = authority.LastIndexOf(':');
        if (colon > authority.LastIndexOf(']'))
        {
            return int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? (Unbracket(authority[..colon]), port)
                : null;
        }

        return (Unbracket(authority), listen.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);
    }

    /// <summary>The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address; otherwise the address without its scope.</summary>
    private static IPAddress Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        var zeroPrefix = b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
        var nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0;
        var compatible = zeroPrefix && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1);   // not :: or ::1
        return compatible || nat64 ? new IPAddress(b.AsSpan(12, 4)) : new IPAddress(b);
    }

    private static string Unbracket(string host) =>
        host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;

    /// <summary>Patterns and hosts compare as written, an IP literal in its canonical spelling (127.1 is 127.0.0.1).</summary>
    private static bool Matches(string pattern, string host)
    {
        if (pattern == "*")
        {
            return true;
        }

        var (p, h) = (Canonical(pattern), Canonical(host));
        return string.Equals(p, h, StringComparison.OrdinalIgnoreCase)
            || (p.StartsWith("*.", StringComparison.Ordinal) && h.EndsWith(p[1..], StringComparison.OrdinalIgnoreCase));
    }

    private static string Canonical(string name) =>
        IPAddress.TryParse(Unbracket(name), out var address) ? address.ToString() : name;
}
