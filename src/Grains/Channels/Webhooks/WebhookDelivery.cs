using System.Collections.Immutable;

namespace PPipe.Grains.Channels.Webhooks;

/// <summary>The outcome of delivering one notification: every attempt made, in order.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.WebhookDelivery")]
internal sealed record WebhookDelivery(ImmutableArray<WebhookAttempt> Attempts)
{
    /// <summary>True when the last attempt got a 2xx answer.</summary>
    public bool Delivered => !Attempts.IsDefaultOrEmpty && Attempts[^1].Succeeded;
}
