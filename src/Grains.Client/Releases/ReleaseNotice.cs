using System.Text.Json;
using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Client.Releases;

/// <summary>The JSON body of a release notification, shared by the webhook and the event stream.</summary>
public static class ReleaseNotice
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static object Release(ScheduledRelease release, DateTimeOffset? releasedAt) => new
    {
        seq = release.Seq,
        releasedAt,
        rows = release.Rows,
        channel = release.Channel.ToString().ToLowerInvariant(),
        columns = release.Columns,
        links = Links(release),
    };

    /// <summary>Where a release is read: its object key in the bucket for bucket releases, REST links otherwise.</summary>
    public static object Links(ScheduledRelease release) => release.Channel == Channel.Bucket
        ? new { s3 = ApiRoutes.ReleaseObjectKey(release.Seq) }
        : new { csv = ApiRoutes.ReleaseCsv(release.Seq), jsonl = ApiRoutes.ReleaseJsonl(release.Seq) };

    public static byte[] Body(EnrollmentKey enrollment, ScheduledRelease release, DateTimeOffset releasedAt, DateTimeOffset sentAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            @event = "release",
            enrollmentId = enrollment.ToString(),
            cohortId = enrollment.CohortId,
            sentAt,
            release = Release(release, releasedAt),
        }, Json);
}
