using System.Globalization;
using System.Text;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Notifications;

/// <summary>
/// What a cohort's instructor is told, from the cohort's summary: the alert when at least the configured share of the
/// registered endpoints is down (with enough registered to mean something), once per episode, and that it is over when
/// the share falls below again; the daily digest at the configured hour (UTC), one a day. Pure.
/// </summary>
internal static class CohortWatch
{
    /// <summary>The alert's state after <paramref name="summary"/>, and what to tell (null: nothing).</summary>
    public static (CohortAlertState State, NotificationEvent? Notice) Endpoints(CohortAlertState state, CohortAlerts alerts, CohortSummary summary, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(summary);
        var registered = summary.EndpointsRegistered;
        var down = Math.Max(0, registered - summary.EndpointsUp);
        var share = registered == 0 ? 0 : (double)down / registered;
        var over = registered >= alerts.MinimumEndpoints && registered > 0 && share >= alerts.EndpointsDownShare;
        var counts = string.Create(CultureInfo.InvariantCulture, $"{down} of {registered} registered endpoints are down ({share:P0})");
        if (over && !state.Raised)
        {
            var episode = state.Episodes + 1;
            return (new CohortAlertState(true, episode), new NotificationEvent(NotificationKind.CohortAlert, $"alert-{episode}-raised", now,
                counts, string.Create(CultureInfo.InvariantCulture,
                    $"That is at or above the alert's threshold of {alerts.EndpointsDownShare:P0}. You will hear when it falls below again.")));
        }

        if (!over && state.Raised)
        {
            return (state with { Raised = false }, new NotificationEvent(NotificationKind.CohortAlert, $"alert-{state.Episodes}-over", now,
                $"Endpoints recovered: {counts}", string.Create(CultureInfo.InvariantCulture,
                    $"That is below the alert's threshold of {alerts.EndpointsDownShare:P0} again.")));
        }

        return (state, null);
    }

    /// <summary>When the next digest is due: the first <paramref name="hourUtc"/>:00 UTC after <paramref name="since"/>.</summary>
    public static DateTimeOffset NextDigestAt(DateTimeOffset since, int hourUtc)
    {
        var day = new DateTimeOffset(since.UtcDateTime.Date, TimeSpan.Zero).AddHours(hourUtc);
        return day > since ? day : day.AddDays(1);
    }

    /// <summary>The daily digest of <paramref name="cohort"/> at <paramref name="now"/>.</summary>
    public static NotificationEvent Digest(CohortInfo cohort, CohortSummary summary, int announcements, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Status {cohort.StatusAt(now).ToString().ToLowerInvariant()}; {summary.Enrolled:N0} students enrolled.");
        text.Append(CultureInfo.InvariantCulture, $"\nFetched the latest release ({summary.LatestRelease}): {summary.FetchedLatestRelease:N0}; any release: {summary.FetchedAnyRelease:N0}.");
        text.Append(CultureInfo.InvariantCulture, $"\nEndpoints up: {summary.EndpointsUp:N0} of {summary.EndpointsRegistered:N0} registered.");
        text.Append(CultureInfo.InvariantCulture, $"\nBatch submissions on time: {summary.OnTimeBatches:N0} of {summary.DueBatches:N0} due.");
        if (summary.Levels is { Count: > 0 } levels)
        {
            text.Append("\nLevels: ").Append(string.Join(", ", levels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key} {l.Value:N0}"))).Append('.');
        }

        text.Append(CultureInfo.InvariantCulture, $"\nAnnouncements posted in the last day: {announcements}.");
        return new NotificationEvent(NotificationKind.CohortDigest, "digest-" + now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), now,
            $"Daily summary of {cohort.Name}", text.ToString());
    }
}
