using Microsoft.Extensions.Time.Testing;
using PPipe.Grains.Diagnostics;

namespace PPipe.Grains.Tests.Diagnostics;

public sealed class LogTallyTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    [Fact]
    public void Add_StormOfTheSameThing_FirstAtOnceThenOneCountPerPeriod()
    {
        var time = new FakeTimeProvider();
        var tally = new LogTally(Period, time);

        var first = tally.Add();
        var within = Enumerable.Range(0, 41).Select(_ => tally.Add()).ToList();
        time.Advance(Period);
        var next = tally.Add();
        var quiet = tally.Add();

        Assert.Equal(1, first);
        Assert.All(within, Assert.Null);
        Assert.Equal(42, next);
        Assert.Null(quiet);
    }

    [Fact]
    public void Add_ManyThreadsAtOnce_EveryOneCountedInTheLineWritten()
    {
        var time = new FakeTimeProvider();
        var tally = new LogTally(Period, time);
        tally.Add();

        Parallel.For(0, 10_000, _ => tally.Add());
        time.Advance(Period);

        Assert.Equal(10_001, tally.Add());
    }
}
