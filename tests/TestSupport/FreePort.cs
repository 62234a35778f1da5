using System.Net;
using System.Net.Sockets;

namespace PPipe.TestSupport;

/// <summary>Ports for servers a test starts as processes, which must be told their port before they listen.</summary>
public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
