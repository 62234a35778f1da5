using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Core.Internal;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Cohorts;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Roster;
using PPipe.Grains.Scenarios;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Enrollments;

[Collection(ClusterCollection.Name)]
public sealed class EnrollmentGrainTests(ClusterFixture fixture)
{
    /// <summary>Three releases, all through the webhook channel, one scenario day per second.</summary>
    private const string WebhookSpec = """
        template: taxi-fares
        duration: 3d
        releases: {first: 0d, cadence: 1d, rows: 10, channel: webhook}
        endpoint: {enabled: false}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tick_RepeatedAndConcurrent_EachReleaseNotifiedExactlyOnce()
    {
        var received = new ConcurrentQueue<(int Seq, bool Signed)>();
        string? secret = null;
        await using var receiver = await LoopbackServer.StartAsync(app => app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var seq = JsonDocument.Parse(body.ToArray()).RootElement.GetProperty("release").GetProperty("seq").GetInt32();
            received.Enqueue((seq, WebhookSignature.Verify(body.ToArray(), request.Headers["X-PPipe-Signature"].ToString(), secret!)));
            return Results.Ok();
        }), Ct);
        var (enrollment, startsAt, webhookSecret) = await EnrollWithWebhookAsync(WebhookSpec, speed: 86_400, receiver.Url("/hook"));
        secret = webhookSecret;

        await Task.Delay(startsAt + TimeSpan.FromSeconds(2.5) - DateTimeOffset.UtcNow, Ct);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => enrollment.TickAsync()));
        await WaitAsync(() => received.Count >= 3);
        for (var i = 0; i < 3; i++)
        {
            await enrollment.TickAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        var snapshot = await enrollment.GetAsync();

        Assert.Equal([1, 2, 3], received.Select(r => r.Seq).Order());
        Assert.All(received, r => Assert.True(r.Signed));
        Assert.Equal([1, 2, 3], snapshot!.WebhookAttempts.Select(a => a.Seq).Order());
        Assert.All(snapshot.WebhookAttempts, a => Assert.Equal(200, a.Status));
    }

    [Fact]
    public async Task Webhook_ReceiverFailsTwice_AttemptsRecordedAndDeliveredOnTheThird()
    {
        var calls = 0;
        await using var receiver = await LoopbackServer.StartAsync(app => app.MapPost("/hook", () =>
            Interlocked.Increment(ref calls) <= 2 ? Results.StatusCode(500) : Results.Ok()), Ct);
        var (enrollment, _, _) = await EnrollWithWebhookAsync(WebhookSpec.Replace("duration: 3d", "duration: 2d"), speed: 86_400, receiver.Url("/hook"));

        var snapshot = await WaitForAsync(enrollment, s => s.WebhookAttempts.Count(a => a.Seq == 1) >= 3);
        var first = snapshot.WebhookAttempts.Where(a => a.Seq == 1).ToList();

        Assert.Equal([500, 500, 200], first.Select(a => a.Status));
        Assert.Equal([1, 2, 3], first.Select(a => a.Attempt));
    }

    [Fact]
    public async Task Webhook_DeliveryLostWithItsActivation_NextActivationSendsItAgainAtOnce()
    {
        var sentAts = new ConcurrentQueue<string>();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await LoopbackServer.StartAsync(app => app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            sentAts.Enqueue(JsonDocument.Parse(body.ToArray()).RootElement.GetProperty("sentAt").GetString()!);
            if (sentAts.Count == 1)
            {
                await hold.Task.WaitAsync(request.HttpContext.RequestAborted); // the first delivery never finishes
            }

            return Results.Ok();
        }), Ct);
        var (enrollment, _, _) = await EnrollWithWebhookAsync(WebhookSpec, speed: 1, receiver.Url("/hook"));
        await WaitAsync(() => !sentAts.IsEmpty);

        // What a silo dying under the delivery looks like to the enrollment: the activation that handed it out is gone.
        await enrollment.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        await WaitAsync(() => sentAts.Distinct().Count() >= 2);
        hold.SetResult();
        var snapshot = await WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 1 && a.Status == 200));

        Assert.Equal(2, sentAts.Distinct().Count());
        Assert.Contains(snapshot.WebhookAttempts, a => a.Seq == 1 && a.Status == 200);
    }

    [Fact]
    public async Task RecordFetch_SameReleaseTwice_FirstFetchKept()
    {
        var enrollment = await EnrollAsync("template: taxi-fares", startsIn: TimeSpan.Zero, speed: 1);

        var first = await enrollment.RecordFetchAsync(1, "api");
        var firstAt = (await enrollment.GetAsync())!.Fetches.Single().At;
        var second = await enrollment.RecordFetchAsync(1, "bucket");
        var fetches = (await enrollment.GetAsync())!.Fetches;

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(new FetchRecord(1, firstAt, "api"), Assert.Single(fetches));
    }

    /// <summary>
    /// Enrolls a student and registers their webhook before the cohort starts: a release that comes before the webhook
    /// is never notified, so a set-up slower than the lead time (a loaded machine) is tried again with a longer lead.
    /// </summary>
    private async Task<(IEnrollmentGrain Enrollment, DateTimeOffset StartsAt, string Secret)> EnrollWithWebhookAsync(
        string spec, double speed, Uri webhook)
    {
        for (var lead = TimeSpan.FromSeconds(1); ; lead *= 2)
        {
            var startsAt = DateTimeOffset.UtcNow + lead;
            var enrollment = await EnrollAsync(spec, startsAt, speed);
            var secret = await enrollment.SetWebhookAsync(webhook.ToString());
            if (DateTimeOffset.UtcNow < startsAt) // registered before this, so before the start
            {
                return (enrollment, startsAt, secret);
            }

            Assert.True(lead < TimeSpan.FromSeconds(16), "the webhook could not be registered before the cohort started");
        }
    }

    private Task<IEnrollmentGrain> EnrollAsync(string spec, TimeSpan startsIn, double speed) =>
        EnrollAsync(spec, DateTimeOffset.UtcNow + startsIn, speed);

    private async Task<IEnrollmentGrain> EnrollAsync(string spec, DateTimeOffset startsAt, double speed)
    {
        var scenarioId = "s-" + Guid.NewGuid().ToString("N")[..12];
        var version = await fixture.Client.GetGrain<IScenarioGrain>(scenarioId).AddVersionAsync(spec);
        Assert.True(version.Version == 1, string.Join("; ", version.Errors));
        var cohortId = "c-" + Guid.NewGuid().ToString("N")[..12];
        var cohort = fixture.Client.GetGrain<ICohortGrain>(cohortId);
        var scenario = await new ScenarioCatalog(fixture.Client).GetAsync(scenarioId, 1, Ct);
        await cohort.CreateAsync(new CohortDefinition("test", scenarioId, 1, startsAt, speed), scenario.Duration);
        var outcome = Assert.Single(await cohort.EnrollAsync([new NumberedRosterRow(1, new RosterRow("ada", "Ada", "ada@example.org"))]));
        Assert.NotNull(outcome.Token);
        return fixture.Client.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, "ada").ToString());
    }

    private static async Task WaitAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<EnrollmentSnapshot> WaitForAsync(IEnrollmentGrain enrollment, Func<EnrollmentSnapshot, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var snapshot = (await enrollment.GetAsync())!;
            if (done(snapshot))
            {
                return snapshot;
            }

            Assert.True(DateTime.UtcNow < deadline, $"enrollment did not reach the expected state: {snapshot}");
            await Task.Delay(100, Ct);
        }
    }
}
