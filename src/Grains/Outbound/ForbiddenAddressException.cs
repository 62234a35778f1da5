using System.Net;

namespace PPipe.Grains.Outbound;

/// <summary>
/// A connection was refused because the host name resolved to an address the platform must not
/// reach (loopback, private, link-local, cloud metadata...). Thrown at connect time, so it also
/// catches host names that resolve differently after registration (DNS rebinding).
/// </summary>
internal sealed class ForbiddenAddressException(string host, IPAddress address, string reason)
    : Exception($"'{host}' resolves to {address}, {reason}.")
{
    /// <summary>The host name (or literal address) the caller asked for.</summary>
    public string Host { get; } = host;

    /// <summary>The resolved address that was refused.</summary>
    public IPAddress Address { get; } = address;

    /// <summary>Why it is refused, e.g. "a loopback address".</summary>
    public string Reason { get; } = reason;
}
