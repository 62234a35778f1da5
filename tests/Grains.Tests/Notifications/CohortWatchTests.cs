using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Notifications;
using static PPipe.Grains.Tests.Notifications.Notices;

namespace PPipe.Grains.Tests.Notifications;

public sealed class CohortWatchTests
{
    private static readonly CohortAlerts Quarter = CohortAlerts.Default with { ContactEmail = "prof@example.org", EndpointsDownShare = 0.25, MinimumEndpoints = 4 };

    private static CohortSummary Endpoints(int registered, int up) => new(100, 1, 50, 60, T0, registered, up);

    [Fact]
    public void Endpoints_ShareDownReachesTheThreshold_RaisedOnceThenOverWhenBelow()
    {
        var (raised, alert) = CohortWatch.Endpoints(CohortAlertState.Initial, Quarter, Endpoints(20, 15), At(0));
        var (still, quiet) = CohortWatch.Endpoints(raised, Quarter, Endpoints(20, 10), At(1));
        var (over, recovered) = CohortWatch.Endpoints(still, Quarter, Endpoints(20, 16), At(2));

        Assert.Equal(("alert-1-raised", "5 of 20 registered endpoints are down (25 %)"), (alert?.Key, alert?.Title));
        Assert.Null(quiet);
        Assert.Equal("alert-1-over", recovered?.Key);
        Assert.Equal(new CohortAlertState(false, 1), over);
    }

    [Fact]
    public void Endpoints_TooFewRegistered_NoAlertWhateverTheShare()
    {
        var (state, notice) = CohortWatch.Endpoints(CohortAlertState.Initial, Quarter, Endpoints(3, 0), At(0));

        Assert.Null(notice);
        Assert.False(state.Raised);
    }

    [Fact]
    public void NextDigestAt_TheConfiguredHourAfterSince()
    {
        var morning = new DateTimeOffset(2030, 3, 4, 6, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2030, 3, 4, 7, 0, 0, TimeSpan.Zero), CohortWatch.NextDigestAt(morning, 7));
        Assert.Equal(new DateTimeOffset(2030, 3, 5, 7, 0, 0, TimeSpan.Zero), CohortWatch.NextDigestAt(morning.AddHours(0.5), 7));
        Assert.Equal(new DateTimeOffset(2030, 3, 5, 0, 0, 0, TimeSpan.Zero), CohortWatch.NextDigestAt(morning, 0));
    }

    [Fact]
    public void Digest_CountsFromTheSummary()
    {
        var cohort = new CohortInfo("c-1", "Spring", "taxi-fares", 1, CohortClock.Create(T0.AddDays(-1), 1), TimeSpan.FromDays(28), T0.AddDays(-2), 100);
        var summary = new CohortSummary(100, 3, 80, 95, T0, 90, 85, 200, 270, new Dictionary<string, int> { ["Advanced"] = 30, ["Proficient"] = 70 }.ToImmutableDictionary());

        var digest = CohortWatch.Digest(cohort, summary, 2, T0);

        Assert.Equal((NotificationKind.CohortDigest, "digest-2030-03-04", "Daily summary of Spring"), (digest.Kind, digest.Key, digest.Title));
        Assert.Contains("100 students enrolled", digest.Detail, StringComparison.Ordinal);
        Assert.Contains("Endpoints up: 85 of 90 registered.", digest.Detail, StringComparison.Ordinal);
        Assert.Contains("on time: 200 of 270 due", digest.Detail, StringComparison.Ordinal);
        Assert.Contains("Levels: Advanced 30, Proficient 70.", digest.Detail, StringComparison.Ordinal);
        Assert.Contains("Announcements posted in the last day: 2.", digest.Detail, StringComparison.Ordinal);
    }
}
