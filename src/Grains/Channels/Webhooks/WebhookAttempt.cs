using PPipe.Grains.Interfaces.Outbound;

namespace PPipe.Grains.Channels.Webhooks;

/// <summary>
/// One POST to a student's webhook: when it started, how long it took, and what came back: a status
/// code, or the failure that prevented one (a non-2xx status is both).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.WebhookAttempt")]
internal sealed record WebhookAttempt(
    int Number,
    DateTimeOffset At,
    TimeSpan Latency,
    int? StatusCode,
    OutboundFailureKind? Failure,
    string? FailureReason)
{
    public bool Succeeded => Failure is null;
}
