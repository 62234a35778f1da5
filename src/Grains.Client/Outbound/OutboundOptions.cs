namespace PPipe.Grains.Client.Outbound;

/// <summary>
/// Limits on every call the platform makes to an address a student chose (model endpoints,
/// webhooks). Bound from the <c>Outbound</c> section.
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    /// <summary>Allow 127.0.0.0/8 and ::1. Off in production; tests and the demo serve endpoints on loopback.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Allow private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) for a campus deployment.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The largest response body read from a student's server.</summary>
    public long MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>How long establishing one TCP (and TLS) connection may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
