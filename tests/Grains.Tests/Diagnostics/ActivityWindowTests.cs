using PPipe.Grains.Diagnostics;

namespace PPipe.Grains.Tests.Diagnostics;

/// <summary>The figures a silo's operator report carries, counted between two reads.</summary>
public sealed class ActivityWindowTests
{
    private static readonly DateTimeOffset From = new(2031, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Take_HundredWakes_MedianAndP99AreTheirBucketsBoundsAndMaxIsExact()
    {
        var window = new ActivityWindow();
        for (var i = 0; i < 98; i++)
        {
            window.AddWake(0.02, failed: false); // bucket ≤ 0.025 s
        }

        window.AddWake(0.7, failed: false); // bucket ≤ 1 s
        window.AddWake(3.2, failed: true); // bucket ≤ 5 s

        var activity = window.Take(From, From.AddSeconds(10));

        Assert.Equal((100L, 1L), (activity.Wakes, activity.WakesFailed));
        Assert.Equal(0.025, activity.LatenessP50Seconds);
        Assert.Equal(1, activity.LatenessP99Seconds);
        Assert.Equal(3.2, activity.LatenessMaxSeconds, 6);
    }

    [Fact]
    public void Take_LatenessPastTheLastBucket_QuantilesAreTheMaximum()
    {
        var window = new ActivityWindow();
        window.AddWake(95, failed: false);

        var activity = window.Take(From, From.AddSeconds(10));

        Assert.Equal(95, activity.LatenessP50Seconds);
        Assert.Equal(95, activity.LatenessP99Seconds);
    }

    [Fact]
    public void Take_Twice_TheSecondWindowStartsFromZero()
    {
        var window = new ActivityWindow();
        window.Add(ref window.ProbesOk);
        window.Add(ref window.ProbesFailed);
        window.Add(ref window.StorageGaveUp);
        window.AddWake(0.5, failed: false);

        var first = window.Take(From, From.AddSeconds(10));
        var second = window.Take(From.AddSeconds(10), From.AddSeconds(20));

        Assert.Equal((1L, 1L, 1L, 1L), (first.ProbesOk, first.ProbesFailed, first.StorageGaveUp, first.Wakes));
        Assert.Equal((0L, 0L, 0L, 0L), (second.ProbesOk, second.ProbesFailed, second.StorageGaveUp, second.Wakes));
        Assert.Null(second.LatenessP50Seconds);
        Assert.Equal(0, second.LatenessMaxSeconds);
    }

    [Fact]
    public async Task AddWake_FromManyThreads_NoneLost()
    {
        var window = new ActivityWindow();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                window.AddWake(0.001 * (i % 100), failed: false);
                window.Add(ref window.Fetches);
            }
        })));

        var activity = window.Take(From, From.AddSeconds(10));
        Assert.Equal((80_000L, 80_000L), (activity.Wakes, activity.Fetches));
        Assert.Equal(0.099, activity.LatenessMaxSeconds, 6);
    }
}
