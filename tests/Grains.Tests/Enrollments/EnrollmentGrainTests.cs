using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Core.Internal;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Tests.Infrastructure;
using static PPipe.Grains.Tests.Enrollments.TestEnrollments;

namespace PPipe.Grains.Tests.Enrollments;

[Collection(ClusterCollection.Name)]
public sealed class EnrollmentGrainTests(ClusterFixture fixture)
{
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
        var (enrollment, _, startsAt, webhookSecret) = await EnrollWithWebhookAsync(fixture.Client, WebhookSpec, speed: 86_400, receiver.Url("/hook"));
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
        var (enrollment, _, _, _) = await EnrollWithWebhookAsync(fixture.Client, WebhookSpec.Replace("duration: 3d", "duration: 2d"), speed: 86_400, receiver.Url("/hook"));

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
        var (enrollment, _, _, _) = await EnrollWithWebhookAsync(fixture.Client, WebhookSpec, speed: 1, receiver.Url("/hook"));
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

    private async Task<IEnrollmentGrain> EnrollAsync(string spec, TimeSpan startsIn, double speed) =>
        (await TestEnrollments.EnrollAsync(fixture.Client, spec, DateTimeOffset.UtcNow + startsIn, speed)).Enrollment;
}
