using System.Net;
using System.Net.Sockets;

namespace WfaaS.Scheduler.Runners;

/// <summary>
/// Where <c>http</c> and <c>delegate</c> may connect (SPEC §2 <c>Actions__Http__AllowedHosts</c>): host
/// names are matched against the patterns before sending; the address is checked after DNS
/// resolution, on every connection (a redirect is a new request), and link-local / cloud-metadata
/// addresses are always refused.
/// </summary>
public sealed class HostGuard(HttpActionOptions options)
{
    public bool IsHostAllowed(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return options.AllowedHosts.Count == 0 || options.AllowedHosts.Any(pattern => Matches(pattern.Trim(), host));
    }

    public static bool IsAddressAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            return !(bytes[0] == 169 && bytes[1] == 254)      // link-local, incl. 169.254.169.254 metadata
                && !(bytes[0] == 100 && bytes[1] == 100 && bytes[2] == 100 && bytes[3] == 200); // Alibaba metadata
        }

        return !address.IsIPv6LinkLocal && !address.Equals(IPAddress.Parse("fd00:ec2::254"));
    }

    /// <summary>Connects only to allowed addresses; used as <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(IsAddressAllowed).ToArray();
        if (allowed.Length == 0)
        {
            throw new HostNotAllowedException($"'{context.DnsEndPoint.Host}' resolves only to addresses that are not allowed (link-local or cloud metadata).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool Matches(string pattern, string host) =>
        pattern == "*"
        || string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase)
        || (pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase));
}
