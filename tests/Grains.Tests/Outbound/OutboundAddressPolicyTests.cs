using System.Net;
using PPipe.Grains.Client.Outbound;

namespace PPipe.Grains.Tests.Outbound;

public sealed class OutboundAddressPolicyTests
{
    private static readonly OutboundOptions Strict = new();
    private static readonly OutboundOptions LoopbackAllowed = new() { AllowLoopback = true };
    private static readonly OutboundOptions PrivateAllowed = new() { AllowPrivateNetworks = true };

    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.255.255.254", "a loopback address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("10.0.0.1", "a private network address")]
    [InlineData("10.255.255.255", "a private network address")]
    [InlineData("172.16.0.1", "a private network address")]
    [InlineData("172.31.255.255", "a private network address")]
    [InlineData("192.168.1.1", "a private network address")]
    [InlineData("fc00::1", "a private network address")]
    [InlineData("fd12:3456:789a::1", "a private network address")]
    [InlineData("fec0::1", "a site-local address")]
    [InlineData("100.64.0.1", "a carrier-grade NAT address")]
    [InlineData("100.127.255.255", "a carrier-grade NAT address")]
    [InlineData("169.254.0.1", "a link-local address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("febf::1", "a link-local address")]
    [InlineData("169.254.169.254", "the cloud metadata address")]
    [InlineData("fd00:ec2::254", "the cloud metadata address")]
    [InlineData("0.0.0.0", "an unspecified address")]
    [InlineData("0.1.2.3", "an unspecified address")]
    [InlineData("::", "an unspecified address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("239.255.255.250", "a multicast address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("255.255.255.255", "the broadcast address")]
    [InlineData("240.0.0.1", "a reserved address")]
    [InlineData("::ffff:127.0.0.1", "an IPv4-mapped form of a loopback address")]
    [InlineData("::ffff:10.1.2.3", "an IPv4-mapped form of a private network address")]
    [InlineData("::ffff:172.20.0.1", "an IPv4-mapped form of a private network address")]
    [InlineData("::ffff:192.168.0.10", "an IPv4-mapped form of a private network address")]
    [InlineData("::ffff:100.64.0.1", "an IPv4-mapped form of a carrier-grade NAT address")]
    [InlineData("::ffff:169.254.10.10", "an IPv4-mapped form of a link-local address")]
    [InlineData("::ffff:169.254.169.254", "an IPv4-mapped form of the cloud metadata address")]
    [InlineData("::ffff:0.0.0.0", "an IPv4-mapped form of an unspecified address")]
    [InlineData("::ffff:224.0.0.1", "an IPv4-mapped form of a multicast address")]
    [InlineData("::ffff:255.255.255.255", "an IPv4-mapped form of the broadcast address")]
    [InlineData("::127.0.0.1", "an IPv4-compatible form of a loopback address")]
    [InlineData("64:ff9b::a9fe:a9fe", "a NAT64 form of the cloud metadata address")]
    public void WhyForbidden_ForbiddenRange_NamesTheRange(string address, string reason)
    {
        Assert.Equal(reason, OutboundAddressPolicy.WhyForbidden(IPAddress.Parse(address), Strict));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void WhyForbidden_PublicAddress_IsAllowed(string address)
    {
        Assert.Null(OutboundAddressPolicy.WhyForbidden(IPAddress.Parse(address), Strict));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.20.30")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void WhyForbidden_LoopbackWhenAllowed_IsAllowed(string address)
    {
        Assert.Null(OutboundAddressPolicy.WhyForbidden(IPAddress.Parse(address), LoopbackAllowed));
    }

    [Theory]
    [InlineData("10.0.0.1", "a private network address")]
    [InlineData("169.254.169.254", "the cloud metadata address")]
    [InlineData("169.254.0.1", "a link-local address")]
    [InlineData("fd00:ec2::254", "the cloud metadata address")]
    public void WhyForbidden_LoopbackAllowed_OtherRangesStillRefused(string address, string reason)
    {
        Assert.Equal(reason, OutboundAddressPolicy.WhyForbidden(IPAddress.Parse(address), LoopbackAllowed));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.5")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("fd12::1")]
    [InlineData("::ffff:192.168.1.1")]
    public void WhyForbidden_PrivateWhenAllowed_IsAllowed(string address)
    {
        Assert.Null(OutboundAddressPolicy.WhyForbidden(IPAddress.Parse(address), PrivateAllowed));
    }

    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("169.254.169.254", "the cloud metadata address")]
    [InlineData("fd00:ec2::254", "the cloud metadata address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("::ffff:169.254.169.254", "an IPv4-mapped form of the cloud metadata address")]
    public void WhyForbidden_PrivateAllowed_MetadataLinkLocalAndLoopbackStillRefused(string address, string reason)
    {
        Assert.Equal(reason, OutboundAddressPolicy.WhyForbidden(IPAddress.Parse(address), PrivateAllowed));
    }
}
