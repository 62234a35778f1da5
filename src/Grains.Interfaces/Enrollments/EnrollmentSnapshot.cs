using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Interfaces.Enrollments;

/// <summary>
/// What the API shows of an enrollment: who, where, credentials for the channels, and the evidence so far.
/// <see cref="CredentialKey"/> is the hash key of the student's current token (never shown; a sign-in by mailed link
/// signs in under it, so re-issuing or revoking the token ends that session too).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.EnrollmentSnapshot")]
public sealed record EnrollmentSnapshot(
    EnrollmentKey Key,
    RosterRow Student,
    CohortInfo Cohort,
    ulong Seed,
    DateTimeOffset EnrolledAt,
    BucketCredentials Bucket,
    string? WebhookUrl,
    string? EndpointUrl,
    ImmutableArray<FetchRecord> Fetches,
    ImmutableArray<WebhookAttemptRecord> WebhookAttempts,
    bool? EndpointUp = null,
    int CopyFlags = 0,
    string? CredentialKey = null);
