using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;
using static PPipe.Grains.Tests.Enrollments.TestEnrollments;

namespace PPipe.Grains.Tests.Enrollments;

/// <summary>
/// The silos' wakes alone drive enrollments here (their reminders tick every 40 days), and nothing in these tests calls an
/// enrollment between its set-up and the end but to read it once its work is done, so every notification the receiver
/// gets came from a wake. The cluster's clock moves only when a test moves it, each step's wakes, and the deliveries they
/// handed out, over before the next.
/// </summary>
[Collection(QuietClusterCollection.Name)]
public sealed class EnrollmentWakeTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wake_EnrollmentDeactivatedBetweenReleases_NextReleaseStillNotified()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        // A scenario day is 3 s: release 1 at the start, release 2 3 s later.
        var (enrollment, _, startsAt, _) = await EnrollWithWebhookAsync(fixture, WebhookSpec, speed: 86_400 / 3.0, receiver.Url);
        await fixture.AdvanceToAsync(startsAt + TimeSpan.FromSeconds(1));
        await ReceivedAsync(receiver, r => r.Count == 1, "release 1 notified", fixture.Logs);
        await WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 1), fixture.Logs);

        await fixture.Cluster.DeactivateAsync(enrollment);
        await fixture.AdvanceToAsync(startsAt + TimeSpan.FromSeconds(2.9));
        var beforeRelease2 = fixture.HandOuts.SeqsOf(enrollment);
        await fixture.AdvanceToAsync(startsAt + TimeSpan.FromSeconds(3.1));
        await ReceivedAsync(receiver, r => r.Count == 2, "release 2 notified after the enrollment left memory", fixture.Logs);

        var snapshot = await WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 2), fixture.Logs);
        Assert.Equal([1], beforeRelease2);
        Assert.Equal([1, 2], fixture.HandOuts.SeqsOf(enrollment));
        Assert.Equal([1, 2], receiver.Received.OrderBy(r => r.Number).Select(r => r.Seq));
        Assert.Equal(200, snapshot.WebhookAttempts.Single(a => a.Seq == 2).Status);
    }

    [Fact]
    public async Task Wake_DeliveryNeverReportsBack_SentAgainAfterTheRedeliveryDelay()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        receiver.Answer = async (request, aborted) =>
        {
            if (request.Number == 1)
            {
                await hold.Task.WaitAsync(aborted); // the first delivery never reports back
            }

            return 200;
        };
        var (enrollment, _, startsAt, _) = await EnrollWithWebhookAsync(fixture, WebhookSpec, speed: 1, receiver.Url);
        using var holding = fixture.HandOuts.Holding(1); // the clock moves on while the first delivery is out
        await fixture.AdvanceToAsync(startsAt + TimeSpan.FromSeconds(1));
        await ReceivedAsync(receiver, r => r.Count == 1, "release 1 notified", fixture.Logs);
        var first = receiver.Received.Single().SentAt;

        await fixture.AdvanceToAsync(first + ClusterFixture.WebhookRedeliverAfter - TimeSpan.FromMilliseconds(1));
        var justBefore = fixture.HandOuts.SeqsOf(enrollment);
        await fixture.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        await ReceivedAsync(receiver, r => r.Count == 2, "release 1 notified again", fixture.Logs);
        hold.SetResult();
        await WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 1 && a.Status == 200), fixture.Logs);

        var sent = receiver.Received.OrderBy(r => r.Number).ToList();
        Assert.Equal([1], justBefore);
        Assert.Equal([1, 1], sent.Select(r => r.Seq));
        Assert.Equal(first + ClusterFixture.WebhookRedeliverAfter, sent[1].SentAt); // a new notification, exactly when due
    }

    [Fact]
    public async Task Wake_CohortPausedOverARelease_NothingWhilePausedAndTheReleaseNotifiedAfterResume()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        // A scenario day is 5 s: release 1 at the start, release 2 5 s later unless the cohort is paused.
        var (enrollment, cohort, startsAt, _) = await EnrollWithWebhookAsync(fixture, WebhookSpec, speed: 86_400 / 5.0, receiver.Url);
        await fixture.AdvanceToAsync(startsAt + TimeSpan.FromSeconds(1));
        await ReceivedAsync(receiver, r => r.Count == 1, "release 1 notified", fixture.Logs);
        await cohort.PauseAsync();

        await fixture.AdvanceToAsync(startsAt + TimeSpan.FromSeconds(8)); // release 2 was due at 5 s
        var whilePaused = fixture.HandOuts.SeqsOf(enrollment);
        await cohort.ResumeAsync();
        // Paused from 1 s to 8 s, the cohort reaches release 2's day at 12 s; the silos see the resume within the
        // cohort directory's stale limit, and look again every PausedRecheck until they do. The directory reads in the
        // background, so on a slow machine a wake may still see the pause one step after the resume: the clock keeps
        // moving until the notification arrives, and the assertions below check it came no earlier than it should.
        await fixture.AdvanceToAsync(startsAt + TimeSpan.FromSeconds(12));
        await fixture.AdvanceUntilAsync(() => Task.FromResult(receiver.Received.Count), count => count == 2, ClusterFixture.PausedRecheck,
            "release 2 notified after the resume");

        await WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 2 && a.Status == 200), fixture.Logs);
        var sent = receiver.Received.OrderBy(r => r.Number).ToList();
        Assert.Equal([1], whilePaused);
        Assert.Equal([1, 2], sent.Select(r => r.Seq));
        Assert.True(sent[1].SentAt >= startsAt + TimeSpan.FromSeconds(12), "release 2 comes as late as the pause lasted");
    }
}
