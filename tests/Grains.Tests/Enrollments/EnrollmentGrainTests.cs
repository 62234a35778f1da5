using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;
using static PPipe.Grains.Tests.Enrollments.TestEnrollments;

namespace PPipe.Grains.Tests.Enrollments;

[Collection(ClusterCollection.Name)]
public sealed class EnrollmentGrainTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tick_RepeatedAndConcurrent_EachReleaseNotifiedExactlyOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var (enrollment, _, startsAt, secret) = await EnrollWithWebhookAsync(fixture, WebhookSpec, speed: 86_400, receiver.Url);

        // Releases come at 0, 1 and 2 s. The clock does not wait for the wakes it sets off: the ticks below race them.
        await fixture.Clock.AdvanceToAsync(startsAt + TimeSpan.FromSeconds(2.5));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => enrollment.TickAsync()));
        await ReceivedAsync(receiver, r => r.Count >= 3, "three notifications");
        for (var i = 0; i < 3; i++)
        {
            await enrollment.TickAsync();
        }

        await fixture.Wakes.SettledAsync();
        var snapshot = await WaitForAsync(enrollment, s => s.WebhookAttempts.Length == 3);

        Assert.Equal([1, 2, 3], fixture.HandOuts.SeqsOf(enrollment).Order());
        Assert.Equal([1, 2, 3], receiver.Received.Select(r => r.Seq).Order());
        Assert.All(receiver.Received, r => Assert.True(WebhookSignature.Verify(r.Body, r.Signature, secret)));
        Assert.Equal([1, 2, 3], snapshot.WebhookAttempts.Select(a => a.Seq).Order());
        Assert.All(snapshot.WebhookAttempts, a => Assert.Equal(200, a.Status));
    }

    [Fact]
    public async Task Webhook_ReceiverFailsTwice_AttemptsRecordedAndDeliveredOnTheThird()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        receiver.Answer = (request, _) => Task.FromResult(request.Number <= 2 ? 500 : 200);
        var (enrollment, _, startsAt, _) = await EnrollWithWebhookAsync(fixture, WebhookSpec.Replace("duration: 3d", "duration: 2d"), speed: 86_400, receiver.Url);

        await fixture.AdvanceToAsync(startsAt + TimeSpan.FromSeconds(0.5));
        var snapshot = await WaitForAsync(enrollment, s => s.WebhookAttempts.Count(a => a.Seq == 1) >= 3);
        var first = snapshot.WebhookAttempts.Where(a => a.Seq == 1).ToList();

        Assert.Equal([500, 500, 200], first.Select(a => a.Status));
        Assert.Equal([1, 2, 3], first.Select(a => a.Attempt));
    }

    [Fact]
    public async Task Webhook_DeliveryLostWithItsActivation_NextActivationSendsItAgainAtOnce()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        receiver.Answer = async (request, aborted) =>
        {
            if (request.Number == 1)
            {
                await hold.Task.WaitAsync(aborted); // the first delivery never finishes
            }

            return 200;
        };
        var (enrollment, _, startsAt, _) = await EnrollWithWebhookAsync(fixture, WebhookSpec, speed: 1, receiver.Url);
        using var holding = fixture.HandOuts.Holding(1); // the clock moves on while the first delivery is out
        await fixture.AdvanceToAsync(startsAt + TimeSpan.FromSeconds(1));
        await ReceivedAsync(receiver, r => r.Count == 1, "release 1 notified");

        // What a silo dying under the delivery looks like to the enrollment: the activation that handed it out is gone.
        // A second later, well within the redelivery delay, a student's call brings the enrollment back.
        await fixture.Cluster.DeactivateAsync(enrollment);
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        await enrollment.GetAsync();
        await ReceivedAsync(receiver, r => r.Count == 2, "release 1 notified again");
        hold.SetResult();
        var snapshot = await WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 1 && a.Status == 200));

        var sent = receiver.Received.OrderBy(r => r.Number).ToList();
        Assert.Equal([1, 1], sent.Select(r => r.Seq));
        Assert.Equal([startsAt + TimeSpan.FromSeconds(1), startsAt + TimeSpan.FromSeconds(2)], sent.Select(r => r.SentAt));
        Assert.True(sent[1].SentAt - sent[0].SentAt < ClusterFixture.WebhookRedeliverAfter);
        Assert.Contains(snapshot.WebhookAttempts, a => a.Seq == 1 && a.Status == 200);
    }

    [Fact]
    public async Task RecordFetch_SameReleaseTwice_FirstFetchKept()
    {
        var (enrollment, _) = await EnrollAsync(fixture.Client, "template: taxi-fares", fixture.Clock.UtcNow, speed: 1);

        var first = await enrollment.RecordFetchAsync(1, "api");
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(1));
        var second = await enrollment.RecordFetchAsync(1, "bucket");
        var fetches = (await enrollment.GetAsync())!.Fetches;

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(new FetchRecord(1, fixture.Clock.UtcNow - TimeSpan.FromSeconds(1), "api"), Assert.Single(fetches));
    }

    [Fact]
    public async Task Tick_NothingDue_StoredStateNotWrittenAgain()
    {
        // Polled only, no webhook, no endpoint: between its releases nothing is due for this student.
        var (enrollment, _) = await EnrollAsync(fixture.Client, "template: taxi-fares", fixture.Clock.UtcNow, speed: 1);
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(1));
        await enrollment.TickAsync();
        var before = await fixture.StoredETagAsync<EnrollmentState>(enrollment, "enrollment");

        await fixture.AdvanceAsync(TimeSpan.FromMinutes(1));
        await enrollment.TickAsync();
        await enrollment.TickAsync();
        var afterTicks = await fixture.StoredETagAsync<EnrollmentState>(enrollment, "enrollment");
        await enrollment.RecordFetchAsync(1, "api");
        var afterFetch = await fixture.StoredETagAsync<EnrollmentState>(enrollment, "enrollment");

        Assert.NotNull(before);
        Assert.Equal(before, afterTicks);
        Assert.NotEqual(before, afterFetch);
    }

    [Fact]
    public async Task Tick_NothingDueInACohortPausedOnceBefore_StoredStateNotWrittenAgain()
    {
        // Every read of a cohort brings its pauses in a new list: an unchanged cohort must still compare equal.
        var (enrollment, cohort) = await EnrollAsync(fixture.Client, "template: taxi-fares", fixture.Clock.UtcNow, speed: 1);
        await cohort.PauseAsync();
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(5));
        await cohort.ResumeAsync();
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(1));
        await enrollment.TickAsync();
        var before = await fixture.StoredETagAsync<EnrollmentState>(enrollment, "enrollment");

        await fixture.AdvanceAsync(TimeSpan.FromMinutes(1));
        await enrollment.TickAsync();
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(1));
        await enrollment.TickAsync();

        Assert.NotNull(before);
        Assert.Equal(before, await fixture.StoredETagAsync<EnrollmentState>(enrollment, "enrollment"));
    }
}
