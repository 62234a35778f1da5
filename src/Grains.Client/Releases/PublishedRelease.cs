using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Client.Releases;

/// <summary>
/// A release as a student is told of it, in the release listing, the <c>release</c> event and the webhook body:
/// its seq, when it came out (null while a paused cohort has not reached it), its row count, channel and columns,
/// and where to read it.
/// </summary>
public sealed record PublishedRelease(int Seq, DateTimeOffset? ReleasedAt, int Rows, Channel Channel, IReadOnlyList<string> Columns, ReleaseLinks Links)
{
    public static PublishedRelease Of(ScheduledRelease release, DateTimeOffset? releasedAt)
    {
        ArgumentNullException.ThrowIfNull(release);
        return new PublishedRelease(release.Seq, releasedAt, release.Rows, release.Channel, release.Columns, ReleaseLinks.Of(release));
    }
}
