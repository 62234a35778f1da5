using Orleans.Concurrency;

namespace PPipe.Grains.Interfaces.Channels;

/// <summary>
/// Delivers webhook notices outside the enrollments' turns (retries with backoff can take a minute),
/// with bounded concurrency per silo, and reports every attempt back to the enrollment.
/// </summary>
[Alias("ppipe.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithIntegerKey
{
    /// <summary>Sends the notice; the outcome arrives later through the enrollment's RecordWebhookDeliveryAsync.</summary>
    [OneWay, Alias("Deliver")]
    Task DeliverAsync(WebhookNotice notice);
}
