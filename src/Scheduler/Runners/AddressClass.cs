namespace WfaaS.Scheduler.Runners;

/// <summary>What an address is, for the host guard (SPEC §2 <c>Actions__Http__AllowedHosts</c>).</summary>
public enum AddressClass
{
    /// <summary>Any other address: reachable unless it is this service's own listen endpoint.</summary>
    Public,

    /// <summary>
    /// Loopback, private (RFC 1918), unique-local, unspecified, shared (RFC 6598) — and their
    /// IPv4-mapped forms: reachable only for a host that an AllowedHosts pattern names.
    /// </summary>
    Internal,

    /// <summary>Link-local and cloud metadata: never reachable, whatever AllowedHosts says.</summary>
    Forbidden,
}
