using Orleans.Concurrency;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Diagnostics;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Channels;

namespace PPipe.Grains.Channels;

/// <summary>
/// A stateless worker, so one silo runs many deliveries at once, yet bounded: at most
/// <see cref="MaxConcurrentDeliveries"/> activations per silo, each handling one delivery at a time (not reentrant).
/// </summary>
[StatelessWorker(MaxConcurrentDeliveries)]
internal sealed class WebhookDeliveryGrain(WebhookSender sender, PPipeMetrics metrics) : Grain, IWebhookDeliveryGrain
{
    public const int MaxConcurrentDeliveries = 32;

    public async Task DeliverAsync(WebhookNotice notice)
    {
        var delivery = await sender.SendAsync(new Uri(notice.Url), notice.Body, notice.Secret, CancellationToken.None);
        metrics.WebhookDelivered(delivery.Delivered);
        var attempts = delivery.Attempts.Select(a =>
            new WebhookAttemptRecord(notice.Seq, a.Number, a.At, a.StatusCode, a.FailureReason, a.Latency.TotalMilliseconds));
        await GrainFactory.GetGrain<IEnrollmentGrain>(notice.Enrollment.ToString())
            .RecordWebhookDeliveryAsync(notice.Seq, [.. attempts], delivery.Delivered);
    }
}
