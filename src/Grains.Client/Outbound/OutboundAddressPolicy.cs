using System.Net;
using System.Net.Sockets;

namespace PPipe.Grains.Client.Outbound;

/// <summary>
/// Decides whether the platform may open a connection to an address. Everything that can reach the
/// platform's own host, its private network or the cloud's metadata service is refused, including
/// the same addresses written as IPv6 (IPv4-mapped, IPv4-compatible and NAT64 forms).
/// </summary>
public static class OutboundAddressPolicy
{
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    /// <summary>Why the address is forbidden (e.g. "a loopback address"), or null when it may be reached.</summary>
    public static string? WhyForbidden(IPAddress address, OutboundOptions options)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => WhyForbiddenV4(address, options),
            AddressFamily.InterNetworkV6 => WhyForbiddenV6(address, options),
            _ => "not an IP address",
        };
    }

    private static string? WhyForbiddenV4(IPAddress address, OutboundOptions options)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return (b[0], b[1], b[2], b[3]) switch
        {
            (0, _, _, _) => "an unspecified address",
            (169, 254, 169, 254) => "the cloud metadata address",
            (169, 254, _, _) => "a link-local address",
            (127, _, _, _) when !options.AllowLoopback => "a loopback address",
            (10, _, _, _) when !options.AllowPrivateNetworks => "a private network address",
            (172, >= 16 and <= 31, _, _) when !options.AllowPrivateNetworks => "a private network address",
            (192, 168, _, _) when !options.AllowPrivateNetworks => "a private network address",
            (100, >= 64 and <= 127, _, _) when !options.AllowPrivateNetworks => "a carrier-grade NAT address",
            (>= 224 and <= 239, _, _, _) => "a multicast address",
            (255, 255, 255, 255) => "the broadcast address",
            (>= 240, _, _, _) => "a reserved address",
            _ => null,
        };
    }

    private static string? WhyForbiddenV6(IPAddress address, OutboundOptions options)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded(address.MapToIPv4(), "an IPv4-mapped form of ", options);
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return options.AllowLoopback ? null : "a loopback address";
        }

        // ::a.b.c.d (deprecated IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) carry an IPv4 address
        // that some networks still route to; judge them by that address.
        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return Embedded(new IPAddress(b[12..]), "an IPv4-compatible form of ", options);
        }

        if (b[..12].SequenceEqual(Nat64Prefix))
        {
            return Embedded(new IPAddress(b[12..]), "a NAT64 form of ", options);
        }

        if (address.Equals(AwsMetadataV6))
        {
            return "the cloud metadata address";
        }

        return b[0] switch
        {
            0xff => "a multicast address",
            0xfe when (b[1] & 0xc0) == 0x80 => "a link-local address",
            0xfe when (b[1] & 0xc0) == 0xc0 && !options.AllowPrivateNetworks => "a site-local address",
            0xfc or 0xfd when !options.AllowPrivateNetworks => "a private network address",
            _ => null,
        };
    }

    private static ReadOnlySpan<byte> Nat64Prefix => [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    private static string? Embedded(IPAddress v4, string form, OutboundOptions options) =>
        WhyForbiddenV4(v4, options) is { } reason ? form + reason : null;
}
