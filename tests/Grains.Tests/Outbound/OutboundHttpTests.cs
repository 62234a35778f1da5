using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PPipe.Grains.Outbound;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Grains.Client.Outbound;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Outbound;

public sealed class OutboundHttpTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;
    private int _requests;

    public async ValueTask InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(
            app =>
            {
                app.Use(async (context, next) =>
                {
                    Interlocked.Increment(ref _requests);
                    await next(context);
                });
                app.MapGet("/ok", () => "hello");
                app.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
                app.MapGet("/bytes/{count:int}", (int count) => Results.Bytes(new byte[count], "application/octet-stream"));
                app.MapGet("/drip/{count:int}", async (int count, HttpContext context) =>
                {
                    // Chunked, no Content-Length: the cap must hold while streaming.
                    for (var sent = 0; sent < count; sent += 100)
                    {
                        await context.Response.Body.WriteAsync(new byte[Math.Min(100, count - sent)], context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                    }
                });
            },
            TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetAsync_LoopbackAllowed_ReachesTheServer()
    {
        using var outbound = Outbound(new OutboundOptions { AllowLoopback = true });
        using var client = outbound.CreateClient();

        var body = await client.GetStringAsync(_server.Url("/ok"), TestContext.Current.CancellationToken);

        Assert.Equal("hello", body);
        Assert.Equal(1, _requests);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", "a loopback address")]
    [InlineData("localhost", "127.0.0.1", "a loopback address")]
    [InlineData("[::ffff:127.0.0.1]", "::ffff:127.0.0.1", "an IPv4-mapped form of a loopback address")]
    public async Task GetAsync_LoopbackNotAllowed_RefusedAtConnectWithTheAddress(string host, string address, string reason)
    {
        using var outbound = Outbound(new OutboundOptions());
        using var client = outbound.CreateClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync($"http://{host}:{_server.Port}/ok", TestContext.Current.CancellationToken));

        var forbidden = Assert.IsType<ForbiddenAddressException>(error.InnerException);
        Assert.Equal(IPAddress.Parse(address), forbidden.Address);
        Assert.Equal(reason, forbidden.Reason);
        Assert.Equal(0, _requests);
        Assert.Equal(OutboundFailureKind.ForbiddenAddress, OutboundFailure.From(error).Kind);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "the cloud metadata address")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/", "the cloud metadata address")]
    [InlineData("http://[::ffff:169.254.169.254]/", "an IPv4-mapped form of the cloud metadata address")]
    [InlineData("http://10.1.2.3/", "a private network address")]
    [InlineData("http://[fe80::1]/", "a link-local address")]
    public async Task GetAsync_ForbiddenLiteral_RefusedBeforeAnyPacket(string url, string reason)
    {
        using var outbound = Outbound(new OutboundOptions { AllowLoopback = true });
        using var client = outbound.CreateClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url, TestContext.Current.CancellationToken));

        var forbidden = Assert.IsType<ForbiddenAddressException>(error.InnerException);
        Assert.Equal(reason, forbidden.Reason);
    }

    [Fact]
    public async Task GetAsync_RedirectToMetadata_ReturnsThe302WithoutFollowing()
    {
        using var outbound = Outbound(new OutboundOptions { AllowLoopback = true });
        using var client = outbound.CreateClient();

        using var response = await client.GetAsync(_server.Url("/to-metadata"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri("http://169.254.169.254/latest/meta-data/"), response.Headers.Location);
        Assert.Equal(1, _requests);
    }

    [Fact]
    public async Task GetAsync_ClosedPort_ClassifiedAsConnectFailure()
    {
        using var outbound = Outbound(new OutboundOptions { AllowLoopback = true });
        using var client = outbound.CreateClient();
        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync($"http://127.0.0.1:{FreePort.Next()}/", TestContext.Current.CancellationToken));

        Assert.Equal(OutboundFailureKind.Connect, OutboundFailure.From(error).Kind);
    }

    [Fact]
    public async Task GetAsync_UnknownHost_ClassifiedAsNameResolution()
    {
        using var outbound = Outbound(new OutboundOptions());
        using var client = outbound.CreateClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync("http://no-such-host.invalid/", TestContext.Current.CancellationToken));

        Assert.Equal(OutboundFailureKind.NameResolution, OutboundFailure.From(error).Kind);
    }

    [Fact]
    public async Task ReadAsync_BodyWithinLimit_ReturnsEveryByte()
    {
        using var outbound = Outbound(new OutboundOptions { AllowLoopback = true });
        using var client = outbound.CreateClient();
        using var response = await client.GetAsync(_server.Url("/drip/1000"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        var body = await ResponseBody.ReadAsync(response, 1000, TestContext.Current.CancellationToken);

        Assert.Equal(1000, body.Length);
    }

    [Fact]
    public async Task ReadAsync_StreamedBodyOverLimit_FailsWithTheLimit()
    {
        using var outbound = Outbound(new OutboundOptions { AllowLoopback = true });
        using var client = outbound.CreateClient();
        using var response = await client.GetAsync(_server.Url("/drip/5000"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Null(response.Content.Headers.ContentLength);

        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(
            () => ResponseBody.ReadAsync(response, 1000, TestContext.Current.CancellationToken));

        Assert.Equal(1000, error.LimitBytes);
        Assert.Equal("The response body is larger than the limit of 1000 bytes.", error.Message);
        Assert.Equal(OutboundFailureKind.ResponseTooLarge, OutboundFailure.From(error).Kind);
    }

    [Fact]
    public async Task ReadAsync_DeclaredLengthOverLimit_FailsBeforeReading()
    {
        using var outbound = Outbound(new OutboundOptions { AllowLoopback = true });
        using var client = outbound.CreateClient();
        using var response = await client.GetAsync(_server.Url("/bytes/5000"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ResponseTooLargeException>(() => ResponseBody.ReadAsync(response, 4999, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetAsync_BufferedBodyOverMaxResponseBytes_Fails()
    {
        using var outbound = Outbound(new OutboundOptions { AllowLoopback = true, MaxResponseBytes = 1000 });
        using var client = outbound.CreateClient();

        await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetByteArrayAsync(_server.Url("/drip/5000"), TestContext.Current.CancellationToken));
    }

    private static OutboundHttp Outbound(OutboundOptions options) =>
        new(Options.Create(options), NullLogger<OutboundHttp>.Instance);
}
