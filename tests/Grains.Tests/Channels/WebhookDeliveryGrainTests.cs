using System.Text;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Interfaces.Channels;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Tests.Enrollments;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Channels;

/// <summary>The delivery worker, handed notices directly; what it reports back shows in the enrollment's attempts.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WebhookDeliveryGrainTests(ClusterFixture fixture)
{
    private const string Secret = "whsec_delivery-test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deliver_ReceiverAccepts_ExactBodySignedAndTheAttemptReported()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var enrollment = await EnrollmentAsync();
        var body = Encoding.UTF8.GetBytes("""{"event":"release","release":{"seq":7}}""");

        await Worker().DeliverAsync(new WebhookNotice(Key(enrollment), 7, receiver.Url.ToString(), Secret, body));
        var snapshot = await TestEnrollments.WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 7));

        var request = Assert.Single(receiver.Received);
        Assert.Equal(body, request.Body);
        Assert.True(WebhookSignature.Verify(request.Body, request.Signature, Secret));
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        var attempt = Assert.Single(snapshot.WebhookAttempts);
        Assert.Equal((7, 1, 200), (attempt.Seq, attempt.Attempt, attempt.Status));
    }

    [Fact]
    public async Task Deliver_ReceiverAlwaysFails_EveryAttemptReported()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        receiver.Answer = (_, _) => Task.FromResult(503);
        var enrollment = await EnrollmentAsync();

        await Worker().DeliverAsync(new WebhookNotice(Key(enrollment), 2, receiver.Url.ToString(), Secret, "{}"u8.ToArray()));
        var snapshot = await TestEnrollments.WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 2));

        Assert.Equal([1, 2, 3, 4], snapshot.WebhookAttempts.Select(a => a.Attempt));
        Assert.All(snapshot.WebhookAttempts, a => Assert.Equal(503, a.Status));
        Assert.Equal(4, receiver.Received.Count);
    }

    [Fact]
    public async Task Deliver_ForbiddenAddress_OneAttemptReportedAndNothingSent()
    {
        var enrollment = await EnrollmentAsync();

        await Worker().DeliverAsync(new WebhookNotice(Key(enrollment), 3, "http://169.254.169.254/latest/meta-data/", Secret, "{}"u8.ToArray()));
        var snapshot = await TestEnrollments.WaitForAsync(enrollment, s => s.WebhookAttempts.Any(a => a.Seq == 3));

        var attempt = Assert.Single(snapshot.WebhookAttempts);
        Assert.Null(attempt.Status);
        Assert.StartsWith("forbidden address", attempt.Error, StringComparison.Ordinal);
    }

    private IWebhookDeliveryGrain Worker() => fixture.Client.GetGrain<IWebhookDeliveryGrain>(0);

    private async Task<IEnrollmentGrain> EnrollmentAsync() =>
        (await TestEnrollments.EnrollAsync(fixture.Client, TestEnrollments.WebhookSpec, fixture.Clock.UtcNow + TimeSpan.FromDays(1), speed: 1)).Enrollment;

    private static EnrollmentKey Key(IEnrollmentGrain enrollment) => EnrollmentKey.Parse(enrollment.GetPrimaryKeyString());
}
