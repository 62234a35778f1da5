using Microsoft.Extensions.Time.Testing;
using PPipe.Grains.Outbound;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Grains.Probes;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Probes;

/// <summary>
/// The per-endpoint circuit breaker, on fake time: the breaker reads the clock only when a probe passes, so
/// advancing it is enough to end a break. The endpoints answer at once, so no attempt waits on the clock.
/// </summary>
public sealed class ProbeClientCircuitTests : IAsyncLifetime
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    private readonly OutboundHttp _outbound = Probing.Outbound();
    private readonly FakeTimeProvider _time = new(Probing.CohortStart);
    private ModelEndpoint _endpoint = null!;
    private bool _healthy;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _endpoint = await ModelEndpoint.StartAsync(Ct);
        _endpoint.Answer = (context, _) => _healthy
            ? ModelEndpoint.WriteJsonAsync(context, Probing.Numbers(20))
            : ModelEndpoint.WriteJsonAsync(context, "", 503);
    }

    public async ValueTask DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        _outbound.Dispose();
    }

    [Fact]
    public async Task ProbeAsync_EndpointKeepsFailing_BreakerOpensAndLaterProbesSkipTheNetwork()
    {
        using var client = Client();
        await FailThreeProbesAsync(client);

        var skipped = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));
        var alsoSkipped = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url, student: "s2"), Ct));

        Assert.Equal(6, _endpoint.Hits);
        Assert.All(new[] { skipped, alsoSkipped }, r =>
        {
            Assert.Equal((false, 1, (int?)null, 0, OutboundFailureKind.CircuitOpen), (r.Ok, r.Attempt, r.Status, r.Rows, r.Failure));
            Assert.Equal(0, r.LatencyMs);
        });
        Assert.Equal(
            $"not called: http://127.0.0.1:{_endpoint.Port} failed repeatedly, so probes to it are paused; the next one goes out in 30 s at the earliest",
            skipped.Error);
    }

    [Fact]
    public async Task ProbeAsync_BreakOverAndEndpointBack_ClosesAgain()
    {
        using var client = Client();
        await FailThreeProbesAsync(client);
        _healthy = true;
        Assert.Equal(OutboundFailureKind.CircuitOpen, Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct)).Failure);

        _time.Advance(BreakDuration);
        var trial = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));
        var next = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));

        Assert.True(trial.Ok);
        Assert.True(next.Ok);
        Assert.Equal(8, _endpoint.Hits);
    }

    [Fact]
    public async Task ProbeAsync_BreakOverButStillFailing_OpensAgainAfterOneTrial()
    {
        using var client = Client();
        await FailThreeProbesAsync(client);

        _time.Advance(BreakDuration);
        var trial = await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct);
        var after = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));

        Assert.Equal([503, 503], trial.Select(r => r.Status));
        Assert.Equal(OutboundFailureKind.CircuitOpen, after.Failure);
        Assert.Equal(8, _endpoint.Hits);
    }

    [Fact]
    public async Task ProbeAsync_OneEndpointBroken_OtherEndpointsStillProbed()
    {
        using var client = Client();
        await using var other = await ModelEndpoint.StartAsync(Ct);
        other.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, Probing.Numbers(20));
        await FailThreeProbesAsync(client);

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(other.Url), Ct));

        Assert.True(result.Ok);
        Assert.Equal(1, other.Hits);
        Assert.Equal(2, client.TrackedEndpoints);
    }

    [Fact]
    public async Task ProbeAsync_VerificationWhileOpen_ReachesTheEndpointAndClosesTheBreaker()
    {
        using var client = Client();
        await FailThreeProbesAsync(client);
        _healthy = true;

        var verification = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url, slot: -1), Ct));
        var scheduled = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));

        Assert.True(verification.Ok);
        Assert.True(scheduled.Ok);
        Assert.Equal(8, _endpoint.Hits);
    }

    [Fact]
    public async Task ProbeAsync_ClientErrorsAndMalformedBodies_NeverOpenTheBreaker()
    {
        using var client = Client();
        var answers = 0;
        _endpoint.Answer = (context, _) => Interlocked.Increment(ref answers) % 2 == 0
            ? ModelEndpoint.WriteJsonAsync(context, "", 404)
            : ModelEndpoint.WriteJsonAsync(context, "not json");

        for (var i = 0; i < 6; i++)
        {
            Assert.NotEqual(OutboundFailureKind.CircuitOpen, Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct)).Failure);
        }

        Assert.Equal(6, _endpoint.Hits);
    }

    [Fact]
    public async Task TrackedEndpoints_ManyEndpoints_StaysWithinTheLimit()
    {
        using var client = Client(o => o.MaxTrackedEndpoints = 4);

        // 127.0.0.2 to 127.0.0.11 are loopback too, but nothing listens there: distinct endpoints that fail fast.
        for (var host = 2; host <= 11; host++)
        {
            await client.ProbeAsync(Probing.Job(new Uri($"http://127.0.0.{host}:{_endpoint.Port}/predict")), Ct);
            Assert.InRange(client.TrackedEndpoints, 1, 4);
        }
    }

    [Fact]
    public async Task TrackedEndpoints_ManyEndpointsAtOnce_StaysNearTheLimit()
    {
        using var strict = Probing.Outbound(allowLoopback: false);
        using var client = Probing.Client(strict, Probing.FastOptions(o => o.MaxTrackedEndpoints = 50));

        // Private addresses are refused before any packet is sent: distinct endpoints that cost no network.
        await Parallel.ForAsync(0, 2_000, Ct, async (i, ct) =>
        {
            var result = Assert.Single(await client.ProbeAsync(Probing.Job(new Uri($"http://10.0.{i >> 8}.{i & 255}/predict")), ct));
            Assert.Equal(OutboundFailureKind.ForbiddenAddress, result.Failure);
        });

        // Soft bound: probes that add an endpoint while a sweep runs may pass the limit by up to MaxConcurrency.
        Assert.InRange(client.TrackedEndpoints, 1, 50 + 64);
    }

    [Fact]
    public async Task TrackedEndpoints_IdleEndpoints_ForgottenFirst()
    {
        using var client = Client(o => o.MaxTrackedEndpoints = 4);
        for (var host = 2; host <= 4; host++)
        {
            await client.ProbeAsync(Probing.Job(new Uri($"http://127.0.0.{host}:{_endpoint.Port}/predict")), Ct);
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct);
        await client.ProbeAsync(Probing.Job(new Uri($"http://127.0.0.5:{_endpoint.Port}/predict")), Ct);

        Assert.Equal(2, client.TrackedEndpoints);
    }

    /// <summary>Three probes of two failed attempts each: enough to open the breaker (minimum throughput 3).</summary>
    private async Task FailThreeProbesAsync(ProbeClient client)
    {
        for (var i = 0; i < 3; i++)
        {
            var results = await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct);
            Assert.Equal([503, 503], results.Select(r => r.Status));
        }

        Assert.Equal(6, _endpoint.Hits);
    }

    private ProbeClient Client(Action<ProbeOptions>? change = null) =>
        Probing.Client(_outbound, Probing.FastOptions(o =>
        {
            o.BreakerMinimumThroughput = 3;
            o.BreakerFailureRatio = 1;
            o.BreakerSamplingDuration = TimeSpan.FromMinutes(1);
            o.BreakDuration = BreakDuration;
            change?.Invoke(o);
        }), _time);
}
