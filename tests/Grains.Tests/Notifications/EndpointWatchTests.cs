using PPipe.Grains.Notifications;
using static PPipe.Grains.Tests.Notifications.Notices;

namespace PPipe.Grains.Tests.Notifications;

public sealed class EndpointWatchTests
{
    private const int Threshold = 3;

    [Fact]
    public void Observe_FailuresInARowUpToTheThreshold_ToldOnceAtTheThreshold()
    {
        var watch = EndpointWatch.Initial;
        var notices = new List<NotificationEvent?>();

        for (var i = 1; i <= 5; i++)
        {
            (watch, var notice) = watch.Observe(false, "HTTP 500", Threshold, At(i));
            notices.Add(notice);
        }

        Assert.Equal([null, null, "endpoint-1-down", null, null], notices.Select(n => n?.Key));
        Assert.Equal("Your endpoint failed 3 probes in a row", notices[2]!.Title);
        Assert.Contains("HTTP 500", notices[2]!.Detail, StringComparison.Ordinal);
        Assert.True(watch.Down);
    }

    [Fact]
    public void Observe_SuccessAfterAnEpisode_RecoveredThenTheNextEpisodeCountsAgain()
    {
        var watch = EndpointWatch.Initial;
        for (var i = 0; i < Threshold; i++)
        {
            (watch, _) = watch.Observe(false, "timeout", Threshold, At(i));
        }

        (watch, var recovered) = watch.Observe(true, null, Threshold, At(10));
        (watch, var quiet) = watch.Observe(true, null, Threshold, At(11));
        NotificationEvent? again = null;
        for (var i = 0; i < Threshold; i++)
        {
            (watch, again) = watch.Observe(false, "timeout", Threshold, At(20 + i));
        }

        Assert.Equal("endpoint-1-up", recovered?.Key);
        Assert.Null(quiet);
        Assert.Equal("endpoint-2-down", again?.Key);
    }

    [Fact]
    public void Observe_FailuresBrokenBySuccess_NeverTold()
    {
        var watch = EndpointWatch.Initial;
        var told = 0;
        foreach (var ok in new[] { false, false, true, false, false, true, false })
        {
            (watch, var notice) = watch.Observe(ok, "x", Threshold, At(0));
            told += notice is null ? 0 : 1;
        }

        Assert.Equal(0, told);
    }
}
