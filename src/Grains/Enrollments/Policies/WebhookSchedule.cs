using PPipe.Grains.Client.Releases;
using PPipe.Grains.Interfaces.Channels;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// Which webhook notifications an enrollment sends now, to the webhook registered at <see cref="RegisteredAt"/>.
/// Notifications are at least once: every webhook release available since the registration is sent until its delivery
/// is reported finished; one that came before the registration is never sent. A notification this activation handed
/// out gets <see cref="RedeliverAfter"/> to finish and report. One handed out by an earlier activation most likely died
/// with that activation's silo (delivery workers run beside the activation that calls them), so it is sent again at
/// once, not after the delay; a receiver may see a notification twice.
/// </summary>
internal sealed record WebhookSchedule(EnrollmentKey Enrollment, string Url, string Secret, DateTimeOffset RegisteredAt, TimeSpan RedeliverAfter)
{
    /// <param name="releases">The scenario's releases.</param>
    /// <param name="clock">The cohort's clock, for release times.</param>
    /// <param name="elapsed">Scenario time now.</param>
    /// <param name="now">Wall time now.</param>
    /// <param name="done">Releases whose notification is finished.</param>
    /// <param name="pending">Releases whose notification is out, and since when.</param>
    /// <param name="handedOut">Releases whose notification this activation handed out.</param>
    public WebhookDue Due(
        IReadOnlyList<ScheduledRelease> releases,
        CohortClock clock,
        TimeSpan elapsed,
        DateTimeOffset now,
        IReadOnlyCollection<int> done,
        IReadOnlyDictionary<int, DateTimeOffset> pending,
        IReadOnlySet<int> handedOut)
    {
        var send = new List<WebhookNotice>();
        var skipped = new List<int>();
        foreach (var release in releases)
        {
            if (release.Channel != Channel.Webhook || release.AvailableAt > elapsed || done.Contains(release.Seq))
            {
                continue;
            }

            var releasedAt = clock.WallTimeAt(release.AvailableAt) ?? now;
            if (releasedAt < RegisteredAt)
            {
                skipped.Add(release.Seq);
            }
            else if (!(pending.TryGetValue(release.Seq, out var since) && handedOut.Contains(release.Seq) && now - since < RedeliverAfter))
            {
                send.Add(new WebhookNotice(Enrollment, release.Seq, Url, Secret, ReleaseNotice.Body(Enrollment, release, releasedAt, now)));
            }
        }

        return new WebhookDue(send, skipped);
    }

    /// <summary>When the earliest pending notification is due to be sent again, or null when none is pending.</summary>
    public static DateTimeOffset? NextRedelivery(IEnumerable<DateTimeOffset> pendingSince, TimeSpan redeliverAfter)
    {
        DateTimeOffset? next = null;
        foreach (var since in pendingSince)
        {
            var at = since + redeliverAfter;
            next = next is null || at < next ? at : next;
        }

        return next;
    }
}
