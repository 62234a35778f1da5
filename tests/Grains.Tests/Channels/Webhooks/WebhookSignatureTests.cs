using System.Text;
using PPipe.Grains.Channels.Webhooks;

namespace PPipe.Grains.Tests.Channels.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");

    [Fact]
    public void Compute_KnownVector_LowercaseHexWithScheme()
    {
        // HMAC-SHA256(key = "key", message = the pangram): the widely published test value.
        var header = WebhookSignature.Compute(Body, "key");

        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", header);
    }

    [Fact]
    public void Verify_OwnSignature_True()
    {
        var secret = WebhookSecret.Generate();

        Assert.True(WebhookSignature.Verify(Body, WebhookSignature.Compute(Body, secret), secret));
    }

    [Fact]
    public void Verify_UppercaseHex_True()
    {
        Assert.True(WebhookSignature.Verify(Body, "sha256=F7BC83F430538424B13298E6AA6FB143EF4D59A14946175997479DBC2D1A3CD8", "key"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")]
    [InlineData("sha1=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3c")]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd800")]
    [InlineData("sha256=zzbc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")]
    [InlineData("sha256=07bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")]
    public void Verify_MissingMalformedOrWrongHeader_False(string? header)
    {
        Assert.False(WebhookSignature.Verify(Body, header, "key"));
    }

    [Fact]
    public void Verify_TamperedBody_False()
    {
        var header = WebhookSignature.Compute(Body, "key");
        var tampered = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy cat");

        Assert.False(WebhookSignature.Verify(tampered, header, "key"));
    }

    [Fact]
    public void Verify_OtherSecret_False()
    {
        Assert.False(WebhookSignature.Verify(Body, WebhookSignature.Compute(Body, "key"), "key2"));
    }

    [Fact]
    public void Generate_Twice_DifferentSecretsOf256Bits()
    {
        var first = WebhookSecret.Generate();
        var second = WebhookSecret.Generate();

        Assert.NotEqual(first, second);
        Assert.StartsWith("whsec_", first);
        var payload = first["whsec_".Length..].Replace('-', '+').Replace('_', '/') + "=";
        Assert.Equal(32, Convert.FromBase64String(payload).Length);
    }
}
