using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Api;
using PPipe.Frontend.Students;

namespace PPipe.Frontend.Tests.Students;

public sealed class StudentRateLimitsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private StudentRateLimits Limits(int burst = 5, int perSecond = 2) =>
        new(Options.Create(new ApiLimitsOptions { StudentBurst = burst, StudentRequestsPerSecond = perSecond }), _time);

    [Fact]
    public void TryTake_TheWholeBurstAtOnce_ThenRefusedWithTheWaitForOneRequest()
    {
        var limits = Limits(burst: 5, perSecond: 2);

        var taken = Enumerable.Range(0, 5).Count(i => limits.TryTake("cohort/s1", out _));
        var refused = !limits.TryTake("cohort/s1", out var wait);

        Assert.Equal(5, taken);
        Assert.True(refused);
        Assert.Equal(TimeSpan.FromSeconds(0.5), wait);
    }

    [Fact]
    public void TryTake_AfterWaiting_RefillsAtTheSustainedRateUpToTheBurst()
    {
        var limits = Limits(burst: 5, perSecond: 2);
        while (limits.TryTake("cohort/s1", out _))
        {
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = Enumerable.Range(0, 5).Count(i => limits.TryTake("cohort/s1", out _));
        _time.Advance(TimeSpan.FromHours(1));
        var afterAnHour = Enumerable.Range(0, 10).Count(i => limits.TryTake("cohort/s1", out _));

        Assert.Equal(2, afterOneSecond);
        Assert.Equal(5, afterAnHour);
    }

    [Fact]
    public void TryTake_OneTokenEmpty_OthersUnaffected()
    {
        var limits = Limits(burst: 3, perSecond: 1);
        while (limits.TryTake("cohort/s1", out _))
        {
        }

        Assert.True(limits.TryTake("cohort/s2", out _));
        Assert.False(limits.TryTake("cohort/s1", out _));
    }

    [Fact]
    public void TryTake_AMinuteLater_DropsBucketsThatAreFullAgainAndKeepsTheOthers()
    {
        var limits = Limits(burst: 120, perSecond: 1);
        limits.TryTake("cohort/idle", out _);
        _time.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 100; i++)
        {
            limits.TryTake("cohort/busy", out _);
        }

        _time.Advance(TimeSpan.FromSeconds(31));
        limits.TryTake("cohort/other", out _);

        // idle refilled to its burst (dropped); busy holds 120 - 100 + 31 of 120 (kept); other was just made.
        Assert.Equal(2, limits.Count);
        Assert.Equal(51, Enumerable.Range(0, 60).Count(i => limits.TryTake("cohort/busy", out _)));
    }
}
