using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Outbound;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Grains.Client.Outbound;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Channels.Webhooks;

/// <summary>The sender against a real receiver on loopback that answers what each test scripts.</summary>
public sealed class WebhookSenderTests : IAsyncLifetime
{
    private const int Hang = -1;
    private const string Secret = "whsec_test-secret";

    private static readonly byte[] Event = Encoding.UTF8.GetBytes("""{"type":"release","seq":7,"rows":500}""");

    private readonly ConcurrentQueue<int> _answers = new();
    private WebhookReceiver _receiver = null!;

    private IReadOnlyCollection<WebhookRequest> Received => _receiver.Received;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
        _receiver.Answer = async (_, aborted) =>
        {
            var answer = _answers.TryDequeue(out var scripted) ? scripted : 200;
            if (answer == Hang)
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }

            return answer;
        };
    }

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task SendAsync_ReceiverAccepts_OneAttemptWithAVerifiableSignature()
    {
        using var outbound = Outbound(allowLoopback: true);
        var sender = Sender(outbound, FastOptions());

        var delivery = await sender.SendAsync(_receiver.Url, Event, Secret, TestContext.Current.CancellationToken);

        Assert.True(delivery.Delivered);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(1, attempt.Number);
        Assert.Equal(200, attempt.StatusCode);
        Assert.Null(attempt.Failure);
        Assert.Null(attempt.FailureReason);
        var received = Assert.Single(Received);
        Assert.Equal(Event, received.Body);
        Assert.Equal("application/json; charset=utf-8", received.ContentType);
        Assert.True(WebhookSignature.Verify(received.Body, received.Signature, Secret));
        Assert.False(WebhookSignature.Verify(received.Body, received.Signature, "whsec_another-secret"));
    }

    [Fact]
    public async Task SendAsync_TwoServerErrorsThenOk_DeliveredOnTheThirdAttempt()
    {
        using var outbound = Outbound(allowLoopback: true);
        var sender = Sender(outbound, FastOptions());
        _answers.Enqueue(500);
        _answers.Enqueue(503);
        _answers.Enqueue(204);

        var delivery = await sender.SendAsync(_receiver.Url, Event, Secret, TestContext.Current.CancellationToken);

        Assert.True(delivery.Delivered);
        Assert.Equal([1, 2, 3], delivery.Attempts.Select(a => a.Number));
        Assert.Equal([500, 503, 204], delivery.Attempts.Select(a => a.StatusCode));
        Assert.Equal([OutboundFailureKind.HttpStatus, OutboundFailureKind.HttpStatus, null], delivery.Attempts.Select(a => a.Failure));
        Assert.Equal(["HTTP 500", "HTTP 503", null], delivery.Attempts.Select(a => a.FailureReason));
        Assert.Equal(3, Received.Count);
        Assert.All(Received, r => Assert.True(WebhookSignature.Verify(r.Body, r.Signature, Secret)));
    }

    [Fact]
    public async Task SendAsync_Retries_WaitExponentiallyLongerBetweenAttempts()
    {
        using var outbound = Outbound(allowLoopback: true);
        var sender = Sender(outbound, FastOptions(firstRetryDelay: TimeSpan.FromMilliseconds(100)));
        _answers.Enqueue(500);
        _answers.Enqueue(500);

        var delivery = await sender.SendAsync(_receiver.Url, Event, Secret, TestContext.Current.CancellationToken);

        // The wait is what separates one attempt's end from the next one's start. Timers and the
        // wall clock disagree by a few milliseconds, hence the tolerance.
        var a = delivery.Attempts;
        Assert.Equal(3, a.Length);
        var firstWait = a[1].At - (a[0].At + a[0].Latency);
        var secondWait = a[2].At - (a[1].At + a[1].Latency);
        var tolerance = TimeSpan.FromMilliseconds(15);
        Assert.True(firstWait >= TimeSpan.FromMilliseconds(100) - tolerance, $"first wait {firstWait}");
        Assert.True(secondWait >= TimeSpan.FromMilliseconds(200) - tolerance, $"second wait {secondWait}");
    }

    [Fact]
    public async Task SendAsync_AlwaysFailing_GivesUpAfterMaxAttempts()
    {
        using var outbound = Outbound(allowLoopback: true);
        var sender = Sender(outbound, FastOptions());
        for (var i = 0; i < 10; i++)
        {
            _answers.Enqueue(502);
        }

        var delivery = await sender.SendAsync(_receiver.Url, Event, Secret, TestContext.Current.CancellationToken);

        Assert.False(delivery.Delivered);
        Assert.Equal([1, 2, 3, 4], delivery.Attempts.Select(a => a.Number));
        Assert.All(delivery.Attempts, a => Assert.Equal(502, a.StatusCode));
        Assert.Equal(4, Received.Count);
    }

    [Fact]
    public async Task SendAsync_ReceiverHangs_EachAttemptRecordedAsATimeout()
    {
        using var outbound = Outbound(allowLoopback: true);
        var timeout = TimeSpan.FromMilliseconds(300);
        var sender = Sender(outbound, FastOptions(maxAttempts: 2, attemptTimeout: timeout));
        _answers.Enqueue(Hang);
        _answers.Enqueue(Hang);

        var delivery = await sender.SendAsync(_receiver.Url, Event, Secret, TestContext.Current.CancellationToken);

        Assert.False(delivery.Delivered);
        Assert.Equal(2, delivery.Attempts.Length);
        Assert.All(delivery.Attempts, a =>
        {
            Assert.Equal(OutboundFailureKind.Timeout, a.Failure);
            Assert.Equal("no answer within 300 ms", a.FailureReason);
            Assert.Null(a.StatusCode);
            Assert.True(a.Latency >= timeout - TimeSpan.FromMilliseconds(15), $"latency {a.Latency}");
        });
    }

    [Fact]
    public async Task SendAsync_TimeoutThenOk_DeliveredOnTheSecondAttempt()
    {
        using var outbound = Outbound(allowLoopback: true);
        var sender = Sender(outbound, FastOptions(attemptTimeout: TimeSpan.FromMilliseconds(300)));
        _answers.Enqueue(Hang);

        var delivery = await sender.SendAsync(_receiver.Url, Event, Secret, TestContext.Current.CancellationToken);

        Assert.True(delivery.Delivered);
        Assert.Equal([OutboundFailureKind.Timeout, null], delivery.Attempts.Select(a => a.Failure));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(302)]
    public async Task SendAsync_ReceiverRejects_NotRetried(int status)
    {
        using var outbound = Outbound(allowLoopback: true);
        var sender = Sender(outbound, FastOptions());
        _answers.Enqueue(status);

        var delivery = await sender.SendAsync(_receiver.Url, Event, Secret, TestContext.Current.CancellationToken);

        Assert.False(delivery.Delivered);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(status, attempt.StatusCode);
        Assert.Equal(OutboundFailureKind.HttpStatus, attempt.Failure);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    public async Task SendAsync_ReceiverAsksToRetry_Retried(int status)
    {
        using var outbound = Outbound(allowLoopback: true);
        var sender = Sender(outbound, FastOptions());
        _answers.Enqueue(status);

        var delivery = await sender.SendAsync(_receiver.Url, Event, Secret, TestContext.Current.CancellationToken);

        Assert.True(delivery.Delivered);
        Assert.Equal([status, 200], delivery.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task SendAsync_LoopbackForbidden_OneAttemptRecordedAsForbiddenAddress()
    {
        using var outbound = Outbound(allowLoopback: false);
        var sender = Sender(outbound, FastOptions());

        var delivery = await sender.SendAsync(_receiver.Url, Event, Secret, TestContext.Current.CancellationToken);

        Assert.False(delivery.Delivered);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(OutboundFailureKind.ForbiddenAddress, attempt.Failure);
        Assert.Equal("forbidden address: '127.0.0.1' resolves to 127.0.0.1, a loopback address.", attempt.FailureReason);
        Assert.Null(attempt.StatusCode);
        Assert.Empty(Received);
    }

    [Fact]
    public async Task SendAsync_NobodyListening_EveryAttemptRecordedAsConnectFailure()
    {
        using var outbound = Outbound(allowLoopback: true);
        var sender = Sender(outbound, FastOptions(maxAttempts: 3));
        var delivery = await sender.SendAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/hook"), Event, Secret, TestContext.Current.CancellationToken);

        Assert.False(delivery.Delivered);
        Assert.Equal(3, delivery.Attempts.Length);
        Assert.All(delivery.Attempts, a => Assert.Equal(OutboundFailureKind.Connect, a.Failure));
    }

    [Fact]
    public async Task SendAsync_CallerCancels_Throws()
    {
        using var outbound = Outbound(allowLoopback: true);
        var sender = Sender(outbound, FastOptions(attemptTimeout: TimeSpan.FromSeconds(30)));
        _answers.Enqueue(Hang);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => sender.SendAsync(_receiver.Url, Event, Secret, cancel.Token));
    }

    private static WebhookOptions FastOptions(int maxAttempts = 4, TimeSpan? firstRetryDelay = null, TimeSpan? attemptTimeout = null) => new()
    {
        MaxAttempts = maxAttempts,
        FirstRetryDelay = firstRetryDelay ?? TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromSeconds(1),
        UseJitter = false,
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(5),
    };

    private static OutboundHttp Outbound(bool allowLoopback) =>
        new(Options.Create(new OutboundOptions { AllowLoopback = allowLoopback }), NullLogger<OutboundHttp>.Instance);

    private static WebhookSender Sender(OutboundHttp outbound, WebhookOptions options) =>
        new(outbound, Options.Create(options), TimeProvider.System, NullLogger<WebhookSender>.Instance);

}
