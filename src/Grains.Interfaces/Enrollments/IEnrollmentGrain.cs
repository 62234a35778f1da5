using System.Collections.Immutable;
using PPipe.Grains.Roster;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// One student in one cohort, keyed <c>{cohortId}/{studentId}</c>: the unit of work and of scale.
/// A single reminder drives it; each tick processes every event due since the last processed one.
/// </summary>
[Alias("ppipe.IEnrollmentGrain")]
public interface IEnrollmentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the enrollment, or re-issues its credential when its roster page never recorded it
    /// (a retried enrollment): the previous credential is revoked, the student's data seed is kept.
    /// </summary>
    [Alias("Initialize")]
    Task InitializeAsync(EnrollmentInit init);

    /// <summary>The enrollment as the API shows it, or null when it does not exist.</summary>
    [Alias("Get")]
    Task<EnrollmentSnapshot?> GetAsync();

    /// <summary>
    /// Records that the student fetched a release through a channel. Only the first fetch of each
    /// release is kept (the acquisition evidence); returns true when this was it.
    /// </summary>
    [Alias("RecordFetch")]
    Task<bool> RecordFetchAsync(int seq, string channel);

    /// <summary>Sets (or replaces) the webhook URL and returns the new signing secret.</summary>
    [Alias("SetWebhook")]
    Task<string> SetWebhookAsync(string url);

    /// <summary>The compact facts cohort summaries count.</summary>
    [Alias("GetProgress")]
    Task<StudentProgress?> GetProgressAsync();

    /// <summary>Records the attempts of one webhook delivery (reported by the delivery worker).</summary>
    [Alias("RecordWebhookDelivery")]
    Task RecordWebhookDeliveryAsync(int seq, ImmutableArray<WebhookAttemptRecord> attempts, bool delivered);

    /// <summary>Processes every event due by now (also what each reminder tick does); safe to call any time.</summary>
    [Alias("Tick")]
    Task TickAsync();
}
