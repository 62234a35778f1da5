using System.Text.Json;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Client.Releases;

/// <summary>
/// The body of a release notification pushed to a student's webhook: <c>event</c> (always <c>release</c>), the
/// enrollment and cohort it is for, when it was sent, and the release as the listing shows it.
/// </summary>
public sealed record ReleaseNotice(string Event, string EnrollmentId, string CohortId, DateTimeOffset SentAt, PublishedRelease Release)
{
    /// <summary>The event name of a release notification.</summary>
    public const string ReleaseEvent = "release";

    /// <summary>The notification's bytes, in the API's JSON rules (these exact bytes are signed).</summary>
    public static byte[] Body(EnrollmentKey enrollment, ScheduledRelease release, DateTimeOffset releasedAt, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        var notice = new ReleaseNotice(ReleaseEvent, enrollment.ToString(), enrollment.CohortId, sentAt, PublishedRelease.Of(release, releasedAt));
        return JsonSerializer.SerializeToUtf8Bytes(notice, ApiJson.Options);
    }
}
