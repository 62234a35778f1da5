using PPipe.Grains.Cohorts;
using PPipe.Grains.Roster;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The durable part of one enrollment. Bounded: fetches are at most one per release and webhook
/// attempts are a capped ring; rows and predictions are never stored here.
/// </summary>
[GenerateSerializer, Alias("ppipe.EnrollmentState")]
public sealed class EnrollmentState
{
    public const int WebhookAttemptCapacity = 64;

    [Id(0)] public RosterRow? Student { get; set; }
    [Id(1)] public CohortInfo? Cohort { get; set; }
    [Id(2)] public string CredentialKey { get; set; } = "";
    [Id(3)] public ulong Seed { get; set; }
    [Id(4)] public DateTimeOffset EnrolledAt { get; set; }
    [Id(5)] public BucketCredentials? Bucket { get; set; }
    [Id(6)] public string? WebhookUrl { get; set; }
    [Id(7)] public string? WebhookSecret { get; set; }
    [Id(8)] public string? EndpointUrl { get; set; }
    [Id(9)] public List<FetchRecord> Fetches { get; set; } = [];
    [Id(10)] public List<WebhookAttemptRecord> WebhookAttempts { get; set; } = [];

    /// <summary>Scenario time up to which every due event has been processed.</summary>
    [Id(11)] public TimeSpan ProcessedUntil { get; set; }

    /// <summary>When the current webhook URL was registered: releases from then on are notified.</summary>
    [Id(12)] public DateTimeOffset? WebhookRegisteredAt { get; set; }

    /// <summary>Releases whose webhook notification is finished (delivered or given up after every retry).</summary>
    [Id(13)] public List<int> WebhookDone { get; set; } = [];

    /// <summary>Releases whose notification is with a delivery worker, and since when.</summary>
    [Id(14)] public Dictionary<int, DateTimeOffset> WebhookPending { get; set; } = [];
}
