using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Core.Internal;
using PPipe.Grains.Tests.Infrastructure;
using static PPipe.Grains.Tests.Enrollments.TestEnrollments;

namespace PPipe.Grains.Tests.Enrollments;

/// <summary>
/// The silo's wakes alone drive enrollments here (their reminders tick hourly), and nothing in these tests calls an
/// enrollment between its set-up and the end, so every notification the receiver gets came from a wake.
/// </summary>
[Collection(WakeClusterCollection.Name)]
public sealed class EnrollmentWakeTests(WakeClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wake_EnrollmentDeactivatedBetweenReleases_NextReleaseStillNotified()
    {
        await using var receiver = await Receiver.StartAsync();
        var (enrollment, _, _, _) = await EnrollWithWebhookAsync(fixture.Client, WebhookSpec, speed: 86_400 / 3.0, receiver.Url);
        await WaitAsync(() => receiver.Seqs.Contains(1), "release 1 notified", fixture.Logs);

        await enrollment.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        await WaitAsync(() => receiver.Seqs.Contains(2), "release 2 notified after the enrollment left memory", fixture.Logs);

        var snapshot = await WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 2));
        Assert.Equal(200, snapshot.WebhookAttempts.Single(a => a.Seq == 2).Status);
    }

    [Fact]
    public async Task Wake_DeliveryNeverReportsBack_SentAgainAfterTheRedeliveryDelay()
    {
        await using var receiver = await Receiver.StartAsync(holdFirst: true);
        var (enrollment, _, _, _) = await EnrollWithWebhookAsync(fixture.Client, WebhookSpec, speed: 1, receiver.Url);
        await WaitAsync(() => receiver.Received.Count == 1, "release 1 notified", fixture.Logs);
        var first = DateTimeOffset.UtcNow;

        await WaitAsync(() => receiver.Received.Count >= 2, "release 1 notified again", fixture.Logs);
        receiver.Release();

        var sentAts = receiver.Received.Select(r => r.SentAt).ToList();
        Assert.Equal([1, 1], receiver.Received.Select(r => r.Seq));
        Assert.NotEqual(sentAts[0], sentAts[1]); // a new notification, not a retry of the held one
        Assert.True(DateTimeOffset.UtcNow - first >= WakeClusterFixture.WebhookRedeliverAfter - TimeSpan.FromMilliseconds(500),
            "sent again only once the redelivery delay had passed");
        await WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 1 && a.Status == 200));
    }

    [Fact]
    public async Task Wake_CohortPausedOverARelease_NothingWhilePausedAndTheReleaseNotifiedAfterResume()
    {
        await using var receiver = await Receiver.StartAsync();
        // A scenario day is 5 s: the pause comes well before release 2 is due, however stale the silo's cohort view.
        var (enrollment, cohort, startsAt, _) = await EnrollWithWebhookAsync(fixture.Client, WebhookSpec, speed: 86_400 / 5.0, receiver.Url);
        await WaitAsync(() => receiver.Seqs.Contains(1), "release 1 notified", fixture.Logs);
        Assert.True(DateTimeOffset.UtcNow < startsAt + TimeSpan.FromSeconds(3), "release 1 was notified too late for this test to pause in time");
        await cohort.PauseAsync();

        await Task.Delay(startsAt + TimeSpan.FromSeconds(8) - DateTimeOffset.UtcNow, Ct); // release 2 was due at 5 s
        Assert.Equal([1], receiver.Seqs);

        await cohort.ResumeAsync();
        await WaitAsync(() => receiver.Seqs.Contains(2), "release 2 notified after the resume", fixture.Logs);

        Assert.Equal([1, 2], receiver.Seqs);
        await WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 2 && a.Status == 200));
    }

    /// <summary>A webhook receiver on loopback that records each notification's release and send time.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly TaskCompletionSource _hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private LoopbackServer _server = null!;

        public ConcurrentQueue<(int Seq, string SentAt)> Received { get; } = new();

        public List<int> Seqs => [.. Received.Select(r => r.Seq).Distinct().Order()];

        public Uri Url => _server.Url("/hook");

        /// <param name="holdFirst">Keep the first notification's request open until <see cref="Release"/>.</param>
        public static async Task<Receiver> StartAsync(bool holdFirst = false)
        {
            var receiver = new Receiver();
            receiver._server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
                var root = JsonDocument.Parse(body.ToArray()).RootElement;
                receiver.Received.Enqueue((root.GetProperty("release").GetProperty("seq").GetInt32(), root.GetProperty("sentAt").GetString()!));
                if (holdFirst && receiver.Received.Count == 1)
                {
                    await receiver._hold.Task.WaitAsync(request.HttpContext.RequestAborted);
                }

                return Results.Ok();
            }), Ct);
            return receiver;
        }

        public void Release() => _hold.TrySetResult();

        public async ValueTask DisposeAsync()
        {
            Release();
            await _server.DisposeAsync();
        }
    }
}
