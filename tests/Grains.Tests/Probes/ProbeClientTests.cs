using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using PPipe.Grains.Outbound;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Grains.Probes;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Scenarios;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Scenarios.Scoring;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Probes;

/// <summary>The probe client against a real model endpoint on loopback that misbehaves as each test scripts.</summary>
public sealed class ProbeClientTests : IAsyncLifetime
{
    /// <summary>taxi-fares with a 300 ms timeout, so that timeouts are quick to provoke.</summary>
    private const string QuickTimeoutSpec = """
        template: taxi-fares
        endpoint: {timeout: 300ms, slo: {p95LatencyMs: 250}}
        """;

    private readonly OutboundHttp _outbound = Probing.Outbound();
    private ModelEndpoint _endpoint = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _endpoint = await ModelEndpoint.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        _outbound.Dispose();
    }

    [Fact]
    public async Task ProbeAsync_OracleEndpoint_OkWithTheOraclesLoss()
    {
        using var client = Probing.Client(_outbound);
        var scenario = Probing.Template("taxi-fares");
        var answer = Probing.OracleAnswer(scenario, 3);
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, answer);

        var results = await client.ProbeAsync(Probing.Job(_endpoint.Url, slot: 3), Ct);

        var result = Assert.Single(results);
        Assert.True(result.Ok);
        Assert.Equal((3L, 1, 200, 20), (result.Slot, result.Attempt, result.Status, result.Rows));
        Assert.Null(result.Failure);
        Assert.Null(result.Error);
        Assert.Equal(scenario.Endpoint!.SlotTime(3), result.ScenarioAt);
        var truths = Probing.Truths(scenario, 3);
        var quality = result.Quality!;
        Assert.Equal(20, quality.Rows);
        Assert.Equal(quality.OracleLoss, quality.Loss, 12);
        Assert.Equal(truths.Average(t => MetricScore.RowLoss(Metric.Rmse, t.Actual, t.Oracle)), quality.OracleLoss, 12);
        Assert.Equal(truths.Average(t => MetricScore.RowLoss(Metric.Rmse, t.Actual, t.Stale)), quality.StaleLoss, 12);
        Assert.Equal(Math.Sqrt(quality.OracleLoss), quality.Score, 12);
        var request = Assert.Single(_endpoint.Requests);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(ProbeRequest.ToBytes(new ScenarioGenerator(scenario, Probing.Seed, Probing.CohortStart).OpenProbe(3)), request.Body);
    }

    [Fact]
    public async Task ProbeAsync_Replay_SendsTheEarlierSlotsRowsAndCarriesThePredictions()
    {
        using var client = Probing.Client(_outbound);
        var scenario = Probing.Template("taxi-fares");
        var answer = Probing.OracleAnswer(scenario, 3);
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, answer);

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url, slot: 9) with { ReplayOf = 3 }, Ct));

        Assert.True(result.Ok);
        Assert.Equal(9, result.Slot);
        Assert.Equal(ProbeRequest.ToBytes(new ScenarioGenerator(scenario, Probing.Seed, Probing.CohortStart).OpenProbe(3)), Assert.Single(_endpoint.Requests).Body);
        Assert.Equal(Probing.Truths(scenario, 3).Select(t => t.Oracle), result.Predictions!);
    }

    [Fact]
    public async Task ProbeAsync_AnswerNamingItsModel_ResultCarriesIt()
    {
        using var client = Probing.Client(_outbound);
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, """{"predictions": [""" + string.Join(",", Enumerable.Repeat("12.5", 20)) +
            """], "model": {"version": "2026-03-14.1", "trainedThrough": 15}}""");

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));

        Assert.True(result.Ok);
        Assert.Equal(new PPipe.Grains.Interfaces.Assessment.ModelStamp("2026-03-14.1", 15, null), result.Model);
        Assert.Null(result.Note);
    }

    [Fact]
    public async Task ProbeAsync_ConstantModel_LossAboveTheOracles()
    {
        using var client = Probing.Client(_outbound);
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, Probing.Numbers(20, 1000));

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));

        Assert.True(result.Ok);
        Assert.True(result.Quality!.Loss > result.Quality.OracleLoss * 10, $"{result.Quality}");
    }

    [Theory]
    [InlineData("predictive-maintenance")] // multiclass, macro-F1: labels
    [InlineData("card-fraud")] // binary, ROC AUC: probabilities
    [InlineData("customer-churn")] // binary, log loss: probabilities
    [InlineData("energy-demand")] // regression, MAE
    [InlineData("water-demand")] // forecast, MASE: each row's error over its series' scale
    public async Task ProbeAsync_OracleEndpointForEachTemplate_ScoredInTheMetricsForm(string template)
    {
        using var client = Probing.Client(_outbound);
        var scenario = Probing.Template(template);
        var answer = Probing.OracleAnswer(scenario, 5);
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, answer);

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url, template, slot: 5), Ct));

        Assert.True(result.Ok, result.Error);
        var truths = Probing.Truths(scenario, 5);
        Assert.Equal(scenario.Endpoint!.RowsPerProbe, result.Rows);
        Assert.Equal(result.Quality!.OracleLoss, result.Quality.Loss, 12);
        Assert.Equal(MetricScore.Compute(scenario.Metric, truths.Select(t => t.Actual).ToArray(), truths.Select(t => t.Oracle).ToArray(),
            truths.Select(t => t.Scale).ToArray()), result.Quality.Score);
    }

    [Fact]
    public async Task ProbeAsync_LabelsWhereLogLossWantsProbabilities_TakenAsCertainty()
    {
        using var client = Probing.Client(_outbound);
        var scenario = Probing.Template("customer-churn");
        var rows = scenario.Endpoint!.RowsPerProbe;
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, $$"""{"predictions": [{{string.Join(",", Enumerable.Repeat("\"yes\"", rows))}}]}""");

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url, "customer-churn", slot: 0), Ct));

        Assert.True(result.Ok, result.Error);
        var expected = Probing.Truths(scenario, 0).Average(t => MetricScore.RowLoss(Metric.LogLoss, t.Actual, 1.0));
        Assert.Equal(expected, result.Quality!.Loss, 12);
    }

    [Theory]
    [InlineData(0, 0)] // before the endpoint requirement starts: the first slot
    [InlineData(3 * 24 + 2.5, 2)] // 2.5 intervals after the start (from 3d, every 1h): the slot due before
    [InlineData(100 * 24, 599)] // after the end: the last slot
    public async Task ProbeAsync_VerificationSlot_SendsTheRowsOfTheSlotDueAtThatTime(double scenarioHours, long expectedSlot)
    {
        using var client = Probing.Client(_outbound);
        var scenario = Probing.Template("taxi-fares");
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, Probing.Numbers(20));
        var job = Probing.Job(_endpoint.Url, slot: ProbeResult.VerificationSlot, scenarioAt: TimeSpan.FromHours(scenarioHours));

        var result = Assert.Single(await client.ProbeAsync(job, Ct));

        Assert.True(result.Ok);
        Assert.Equal(ProbeResult.VerificationSlot, result.Slot);
        Assert.Equal(scenario.Endpoint!.SlotTime(expectedSlot), result.ScenarioAt);
        var sent = ProbeRequest.ToBytes(new ScenarioGenerator(scenario, Probing.Seed, Probing.CohortStart).OpenProbe(expectedSlot));
        Assert.Equal(sent, Assert.Single(_endpoint.Requests).Body);
    }

    [Fact]
    public async Task ProbeAsync_RolloutSlot_SendsTheRowsOfTheSlotDueAtThatTime_KeepsItsOwnSlot_AndPassesTheBreaker()
    {
        using var client = Probing.Client(_outbound);
        var scenario = Probing.Template("taxi-fares");
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, Probing.Numbers(20));
        var job = Probing.Job(_endpoint.Url, slot: ProbeResult.RolloutSlot(3), scenarioAt: TimeSpan.FromHours((3 * 24) + 2.5));

        var result = Assert.Single(await client.ProbeAsync(job, Ct));

        Assert.True(result.Ok);
        Assert.True(result.IsRolloutProbe);
        Assert.Equal(-5, result.Slot);
        Assert.Equal(scenario.Endpoint!.SlotTime(2), result.ScenarioAt);
        var sent = ProbeRequest.ToBytes(new ScenarioGenerator(scenario, Probing.Seed, Probing.CohortStart).OpenProbe(2));
        Assert.Equal(sent, Assert.Single(_endpoint.Requests).Body);
        Assert.Equal(1, client.TrackedEndpoints);
    }

    [Fact]
    public async Task ProbeAsync_EndpointHangs_TwoAttemptsEachTimedOutAtThePlansTimeout()
    {
        var time = new FakeTimeProvider(Probing.CohortStart);
        using var client = Probing.Client(_outbound, time: time);
        _endpoint.Answer = (context, _) => Task.Delay(Timeout.Infinite, context.RequestAborted);

        var probing = client.ProbeAsync(Probing.Job(_endpoint.Url), Probing.Read(QuickTimeoutSpec), Ct);
        await Eventually.HoldsAsync(() => _endpoint.Hits == 1, "the first attempt at the endpoint", cancellationToken: Ct);
        time.Advance(TimeSpan.FromMilliseconds(300));
        await Eventually.HoldsAsync(() => _endpoint.Hits == 2, "the second attempt at the endpoint", cancellationToken: Ct);
        time.Advance(TimeSpan.FromMilliseconds(300));
        var results = await probing;

        Assert.Equal([1, 2], results.Select(r => r.Attempt));
        Assert.All(results, r =>
        {
            Assert.False(r.Ok);
            Assert.Equal(OutboundFailureKind.Timeout, r.Failure);
            Assert.Equal("no answer within 300 ms", r.Error);
            Assert.Null(r.Status);
            Assert.Null(r.Quality);
            Assert.Equal(20, r.Rows);
            Assert.Equal(300, r.LatencyMs);
        });
        Assert.Equal(2, _endpoint.Hits);
    }

    [Fact]
    public async Task ProbeAsync_SlowDrip_TimedOutWithTheStatusSeen()
    {
        using var client = Probing.Client(_outbound);
        _endpoint.Answer = async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"predictions": [""", context.RequestAborted);
            for (var i = 0; i < 100; i++)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(50, context.RequestAborted);
                await context.Response.WriteAsync("1,", context.RequestAborted);
            }
        };

        var results = await client.ProbeAsync(Probing.Job(_endpoint.Url), Probing.Read(QuickTimeoutSpec), Ct);

        Assert.Equal(2, results.Length);
        Assert.All(results, r =>
        {
            Assert.Equal(OutboundFailureKind.Timeout, r.Failure);
            Assert.Equal(200, r.Status);
            Assert.Equal("HTTP 200, but the body did not finish within 300 ms", r.Error);
        });
    }

    [Fact]
    public async Task ProbeAsync_ServerError_RecordedAndRetriedOnce()
    {
        using var client = Probing.Client(_outbound);
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, """{"error": "boom"}""", 500);

        var results = await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct);

        Assert.Equal([1, 2], results.Select(r => r.Attempt));
        Assert.All(results, r => Assert.Equal((false, 500, OutboundFailureKind.HttpStatus, "HTTP 500"), (r.Ok, r.Status, r.Failure, r.Error)));
        Assert.Equal(2, _endpoint.Hits);
    }

    [Fact]
    public async Task ProbeAsync_ServerErrorThenAnswer_SecondAttemptOk()
    {
        using var client = Probing.Client(_outbound);
        var calls = 0;
        _endpoint.Answer = (context, _) => Interlocked.Increment(ref calls) == 1
            ? ModelEndpoint.WriteJsonAsync(context, "", 503)
            : ModelEndpoint.WriteJsonAsync(context, Probing.Numbers(20));

        var results = await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct);

        Assert.Equal([(1, false, 503), (2, true, 200)], results.Select(r => (r.Attempt, r.Ok, r.Status ?? 0)));
        Assert.NotNull(results[1].Quality);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(422)]
    [InlineData(201)]
    public async Task ProbeAsync_AnswerOtherThan200_RecordedNotRetried(int status)
    {
        using var client = Probing.Client(_outbound);
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, Probing.Numbers(20), status);

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));

        Assert.Equal((false, status, OutboundFailureKind.HttpStatus, $"HTTP {status}"), (result.Ok, result.Status, result.Failure, result.Error));
        Assert.Equal(1, _endpoint.Hits);
    }

    [Fact]
    public async Task ProbeAsync_RedirectToMetadata_RecordedNotFollowed()
    {
        using var client = Probing.Client(_outbound);
        _endpoint.Answer = (context, _) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "http://169.254.169.254/latest/meta-data/";
            return Task.CompletedTask;
        };

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));

        Assert.Equal((302, OutboundFailureKind.HttpStatus), (result.Status, result.Failure));
        Assert.Equal("HTTP 302 (redirects are not followed: register the URL that answers)", result.Error);
        Assert.Equal(1, _endpoint.Hits);
    }

    [Theory]
    [InlineData("<html>oops</html>", "the body is not valid JSON (")]
    [InlineData("", "the body is empty; expected {\"predictions\": [...]}")]
    [InlineData("""{"prediction": [1, 2]}""", "the body has no \"predictions\" array; expected {\"predictions\": [...]}")]
    [InlineData("""[1, 2, 3]""", "the body has no \"predictions\" array; expected {\"predictions\": [...]}")]
    [InlineData("""{"predictions": [1, 2, 3, 4, "abc", 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]}""", "predictions[4] is \"abc\"; expected a number")]
    [InlineData("""{"predictions": [1, 2, 3, 4, null, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]}""", "predictions[4] is null; expected a number")]
    public async Task ProbeAsync_MalformedBody_ExplainedNotRetried(string body, string error)
    {
        using var client = Probing.Client(_outbound);
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, body);

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));

        Assert.Equal((false, 200, OutboundFailureKind.MalformedBody), (result.Ok, result.Status, result.Failure));
        Assert.StartsWith(error, result.Error);
        Assert.Null(result.Quality);
    }

    [Theory]
    [InlineData(19)]
    [InlineData(21)]
    [InlineData(0)]
    public async Task ProbeAsync_WrongCount_SaysHowMany(int count)
    {
        using var client = Probing.Client(_outbound);
        _endpoint.Answer = (context, _) => ModelEndpoint.WriteJsonAsync(context, Probing.Numbers(count));

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));

        Assert.Equal((OutboundFailureKind.WrongCount, $"expected 20 predictions, got {count}"), (result.Failure, result.Error));
    }

    [Fact]
    public async Task ProbeAsync_BodyOverTheCap_ResponseTooLargeWithoutHoldingTheBody()
    {
        using var client = Probing.Client(_outbound);
        _endpoint.Answer = async (context, _) =>
        {
            // Chunked, no Content-Length: 256 MiB unless the prober hangs up first.
            var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1,", 32 * 1024)));
            await context.Response.WriteAsync("""{"predictions": [""", context.RequestAborted);
            for (var sent = 0; sent < 4096 && !context.RequestAborted.IsCancellationRequested; sent++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        };
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));

        Assert.Equal((false, 200, OutboundFailureKind.ResponseTooLarge), (result.Ok, result.Status, result.Failure));
        Assert.Equal($"The response body is larger than the limit of {256 * 1024} bytes.", result.Error);
        // The whole process, other tests included, allocated far less than the body: it was never held.
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(allocated < 64L * 1024 * 1024, $"{allocated:N0} bytes allocated during the probe");
    }

    [Fact]
    public async Task ProbeAsync_LoopbackForbidden_ForbiddenAddressWithoutAnyRequest()
    {
        using var strict = Probing.Outbound(allowLoopback: false);
        using var client = Probing.Client(strict);

        var result = Assert.Single(await client.ProbeAsync(Probing.Job(_endpoint.Url), Ct));

        Assert.Equal((false, (int?)null, OutboundFailureKind.ForbiddenAddress), (result.Ok, result.Status, result.Failure));
        Assert.Equal("forbidden address: '127.0.0.1' resolves to 127.0.0.1, a loopback address.", result.Error);
        Assert.Equal(0, _endpoint.Hits);
    }

    [Fact]
    public async Task ProbeAsync_NobodyListening_ConnectFailureRetriedOnce()
    {
        using var client = Probing.Client(_outbound);

        var results = await client.ProbeAsync(Probing.Job(new Uri($"http://127.0.0.1:{FreePort.Next()}/predict")), Ct);

        Assert.Equal(2, results.Length);
        Assert.All(results, r => Assert.Equal(OutboundFailureKind.Connect, r.Failure));
        Assert.All(results, r => Assert.StartsWith("could not connect: ", r.Error));
    }

    [Fact]
    public async Task ProbeAsync_ManyAtOnce_NeverMoreInFlightThanMaxConcurrency()
    {
        using var client = Probing.Client(_outbound, Probing.FastOptions(o => o.MaxConcurrency = 3));
        _endpoint.Answer = async (context, _) =>
        {
            await Task.Delay(100, context.RequestAborted);
            await ModelEndpoint.WriteJsonAsync(context, Probing.Numbers(20));
        };

        var all = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.ProbeAsync(Probing.Job(_endpoint.Url, student: $"s{i}"), Ct)));

        Assert.All(all, results => Assert.True(Assert.Single(results).Ok));
        Assert.Equal(12, _endpoint.Hits);
        Assert.Equal(3, _endpoint.MaxInFlight);
        Assert.Equal(0, client.InFlight);
    }

    [Fact]
    public async Task ProbeAsync_NoPlaceWithinTheQueueTimeout_ThrowsAndRecordsNothing()
    {
        using var client = Probing.Client(_outbound, Probing.FastOptions(o =>
        {
            o.MaxConcurrency = 2;
            o.QueueTimeout = TimeSpan.FromMilliseconds(100);
        }));
        var release = new TaskCompletionSource();
        _endpoint.Answer = async (context, _) =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await ModelEndpoint.WriteJsonAsync(context, Probing.Numbers(20));
        };
        var first = client.ProbeAsync(Probing.Job(_endpoint.Url, student: "first"), Ct);
        var second = client.ProbeAsync(Probing.Job(_endpoint.Url, student: "second"), Ct);
        await Eventually.HoldsAsync(() => _endpoint.Hits == 2, "the first two probes reached the endpoint", cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<ProbeCapacityException>(() => client.ProbeAsync(Probing.Job(_endpoint.Url, student: "third"), Ct));

        Assert.Equal("No probe place freed up within 100 ms (this silo sends at most 2 probes at once).", error.Message);
        release.SetResult();
        Assert.True(Assert.Single(await first).Ok);
        Assert.True(Assert.Single(await second).Ok);
        Assert.Equal(2, _endpoint.Hits);
    }

    [Fact]
    public async Task ProbeAsync_TimeoutLongerThanTheInterval_ShortenedSoBothAttemptsFit()
    {
        using var client = Probing.Client(_outbound);
        _endpoint.Answer = (context, _) => Task.Delay(Timeout.Infinite, context.RequestAborted);
        var scenario = Probing.Read("template: taxi-fares\nendpoint: {probeInterval: 1s, timeout: 2s}");

        var results = await client.ProbeAsync(Probing.Job(_endpoint.Url), scenario, Ct);

        Assert.Equal(["no answer within 500 ms", "no answer within 500 ms"], results.Select(r => r.Error));
    }

    [Fact]
    public async Task ProbeAsync_CallerCancels_ThrowsAndFreesItsPlace()
    {
        using var client = Probing.Client(_outbound);
        _endpoint.Answer = (context, _) => Task.Delay(Timeout.Infinite, context.RequestAborted);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ProbeAsync(Probing.Job(_endpoint.Url), cancel.Token));

        Assert.Equal(0, client.InFlight);
    }

    [Fact]
    public async Task ProbeAsync_ScenarioWithoutEndpoint_Throws()
    {
        using var client = Probing.Client(_outbound);
        var scenario = Probing.Read("template: taxi-fares\nendpoint: {enabled: false}\ngrading: {criteria: {acquisition: 1}}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ProbeAsync(Probing.Job(_endpoint.Url), scenario, Ct));

        Assert.Equal("Scenario taxi-fares v1 has no endpoint requirement; there is nothing to probe.", error.Message);
    }

    [Theory]
    [InlineData(600)]
    [InlineData(long.MaxValue)]
    public async Task ProbeAsync_SlotOutsideTheScenario_ThrowsWithoutCallingTheEndpoint(long slot)
    {
        using var client = Probing.Client(_outbound);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ProbeAsync(Probing.Job(_endpoint.Url, slot: slot), Ct));

        Assert.Equal(0, _endpoint.Hits);
        Assert.Equal(0, client.TrackedEndpoints);
    }
}
