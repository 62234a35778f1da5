using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace PPipe.Simulation.Hosting;

/// <summary>
/// The address a front end listens on, as a base URL others on this machine can use: the public address of embedded mode
/// and the platform the demo's simulated students call.
/// </summary>
public static class ListeningAddress
{
    /// <summary>The first http(s) address the server listens on (http first), a wildcard host read as loopback; null before it listens.</summary>
    public static Uri? First(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses.OrderBy(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 0 : 1))
        {
            var text = address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
            }
        }

        return null;
    }
}
