namespace PPipe.Grains.Interfaces.Operations;

/// <summary>
/// What one silo did from <see cref="From"/> to <see cref="To"/>: enrollment wakes (with failures, and lateness from
/// due to start: p50 and p99 as the upper bound of their histogram bucket, never above the maximum, and the maximum), release fetches, submissions, probe attempts, webhook deliveries and grain-storage failures.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.SiloActivity")]
public sealed record SiloActivity(
    DateTimeOffset From,
    DateTimeOffset To,
    long Wakes,
    long WakesFailed,
    double? LatenessP50Seconds,
    double? LatenessP99Seconds,
    double LatenessMaxSeconds,
    long Fetches,
    long SubmissionsAccepted,
    long SubmissionsRefused,
    long ProbesOk,
    long ProbesFailed,
    long WebhooksDelivered,
    long WebhooksFailed,
    long StorageRetried,
    long StorageGaveUp);
