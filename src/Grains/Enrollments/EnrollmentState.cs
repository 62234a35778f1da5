using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The durable part of one enrollment. Bounded: fetches are at most one per release and webhook
/// attempts are a capped ring; rows and predictions are never stored here.
/// </summary>
[GenerateSerializer, Alias("ppipe.EnrollmentState")]
internal sealed class EnrollmentState
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

    /// <summary>Batches with a submission or already scored, by seq; at most one per batch of the scenario.</summary>
    [Id(15)] public List<BatchOutcome> Batches { get; set; } = [];

    /// <summary>Aggregated probe results (bounded); null until the first probe.</summary>
    [Id(16)] public ProbeLedger? Probes { get; set; }

    /// <summary>When an endpoint was first registered; replacing the URL does not move it.</summary>
    [Id(17)] public DateTimeOffset? EndpointRegisteredAt { get; set; }

    /// <summary>The first probe slot not yet probed: one probe covers every slot due since the last.</summary>
    [Id(18)] public long NextProbeSlot { get; set; }

    /// <summary>Extra scenario time on every deadline and late cutoff for this student.</summary>
    [Id(19)] public TimeSpan Extension { get; set; }

    /// <summary>Suspected copies involving this student, capped at <see cref="CopyFlagCapacity"/>.</summary>
    [Id(20)] public List<CopyFlag> CopyFlags { get; set; } = [];

    /// <summary>Submissions accepted so far, for submission ids.</summary>
    [Id(21)] public int SubmissionCount { get; set; }

    public const int CopyFlagCapacity = 32;
}
