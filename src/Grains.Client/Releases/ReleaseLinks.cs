using System.Text.Json.Serialization;
using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Client.Releases;

/// <summary>
/// Where a release is read: <c>csv</c> and <c>jsonl</c> for releases served by the API (the api, webhook and stream
/// channels), or <c>s3</c>, the object key in the student's bucket, for bucket releases. Absent members are left out.
/// </summary>
public sealed record ReleaseLinks(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Csv,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Jsonl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? S3)
{
    public static ReleaseLinks Of(ScheduledRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.Channel == Channel.Bucket
            ? new ReleaseLinks(null, null, ApiRoutes.ReleaseObjectKey(release.Seq))
            : new ReleaseLinks(ApiRoutes.ReleaseCsv(release.Seq), ApiRoutes.ReleaseJsonl(release.Seq), null);
    }
}
