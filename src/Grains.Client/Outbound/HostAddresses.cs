using System.Net;
using System.Net.Sockets;

namespace PPipe.Grains.Client.Outbound;

/// <summary>Resolves a URL's host to the addresses a connection would use; a literal address is its own answer.</summary>
public static class HostAddresses
{
    /// <summary>The host's addresses; a <see cref="SocketException"/> when the name does not resolve.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var literal = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var address))
        {
            return [address];
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }
}
