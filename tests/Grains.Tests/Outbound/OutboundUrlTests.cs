using PPipe.Grains.Client.Outbound;

namespace PPipe.Grains.Tests.Outbound;

public sealed class OutboundUrlTests
{
    private static readonly OutboundOptions Strict = new();

    [Theory]
    [InlineData("https://model.example.org/predict")]
    [InlineData("http://model.example.org:8080/v1/predict?key=1")]
    [InlineData("https://93.184.216.34/predict")]
    public void Validate_PublicHttpUrl_IsValid(string url)
    {
        var check = OutboundUrl.Validate(url, Strict);

        Assert.True(check.IsValid);
        Assert.Equal(new Uri(url), check.Url);
    }

    [Theory]
    [InlineData("", "The URL is empty.")]
    [InlineData("   ", "The URL is empty.")]
    [InlineData("model.example.org/predict", "'model.example.org/predict' is not an absolute http:// or https:// URL (for example https://model.example.org/predict).")]
    [InlineData("/predict", "'/predict' is not an absolute http:// or https:// URL (for example https://model.example.org/predict).")]
    [InlineData("ftp://model.example.org/predict", "The URL must use http or https, not 'ftp'.")]
    [InlineData("file:///etc/passwd", "The URL must use http or https, not 'file'.")]
    [InlineData("https://student:hunter2@model.example.org/", "The URL must not contain a user name or password.")]
    [InlineData("http://127.0.0.1:8080/predict", "The URL's host 127.0.0.1 is a loopback address, which the platform does not call.")]
    [InlineData("http://[::1]/predict", "The URL's host ::1 is a loopback address, which the platform does not call.")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "The URL's host 169.254.169.254 is the cloud metadata address, which the platform does not call.")]
    [InlineData("http://[::ffff:10.0.0.5]/", "The URL's host ::ffff:10.0.0.5 is an IPv4-mapped form of a private network address, which the platform does not call.")]
    public void Validate_BadUrl_ExplainsWhy(string url, string error)
    {
        var check = OutboundUrl.Validate(url, Strict);

        Assert.False(check.IsValid);
        Assert.Null(check.Url);
        Assert.Equal(error, check.Error);
    }

    [Fact]
    public void Validate_TooLong_Refused()
    {
        var url = "https://model.example.org/" + new string('a', OutboundUrl.MaxLength);

        Assert.Equal("The URL is longer than 2048 characters.", OutboundUrl.Validate(url, Strict).Error);
    }

    [Fact]
    public void Validate_LoopbackWhenAllowed_IsValid()
    {
        Assert.True(OutboundUrl.Validate("http://127.0.0.1:5000/predict", new OutboundOptions { AllowLoopback = true }).IsValid);
    }

    [Fact]
    public async Task ValidateAsync_NameResolvingToLoopback_Refused()
    {
        var check = await OutboundUrl.ValidateAsync("http://localhost:5000/predict", Strict, TestContext.Current.CancellationToken);

        Assert.False(check.IsValid);
        Assert.StartsWith("The host 'localhost' resolves to ", check.Error);
        Assert.EndsWith(", a loopback address, which the platform does not call.", check.Error);
    }

    [Fact]
    public async Task ValidateAsync_NameResolvingToLoopbackWhenAllowed_IsValid()
    {
        var check = await OutboundUrl.ValidateAsync("http://localhost:5000/predict", new OutboundOptions { AllowLoopback = true }, TestContext.Current.CancellationToken);

        Assert.True(check.IsValid);
    }

    [Fact]
    public async Task ValidateAsync_UnknownHost_Refused()
    {
        var check = await OutboundUrl.ValidateAsync("https://no-such-host.invalid/predict", Strict, TestContext.Current.CancellationToken);

        Assert.Equal("The host 'no-such-host.invalid' does not resolve.", check.Error);
    }

    [Fact]
    public async Task ValidateAsync_MalformedUrl_SameErrorAsValidate()
    {
        var check = await OutboundUrl.ValidateAsync("gopher://x/", Strict, TestContext.Current.CancellationToken);

        Assert.Equal("The URL must use http or https, not 'gopher'.", check.Error);
    }
}
