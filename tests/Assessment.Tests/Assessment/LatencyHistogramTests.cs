using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Probes;

namespace PPipe.Assessment.Tests.Assessment;

public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(1, 1)]
    [InlineData(1.18, 1)]
    [InlineData(1.19, 2)]
    [InlineData(2, 5)]
    [InlineData(65_536, LatencyHistogram.BinCount - 1)]
    [InlineData(1e9, LatencyHistogram.BinCount - 1)]
    [InlineData(double.NaN, 0)]
    public void BinOf_Latency_FourBinsPerDoubling(double ms, int bin)
    {
        Assert.Equal(bin, LatencyHistogram.BinOf(ms));
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.6)]
    [InlineData(1.0)]
    public void LatencyQuantile_LogNormalSample_WithinFourPercentOfExact(double sigma)
    {
        var ledger = ProbeLedger.For(SyntheticStudent.Template("taxi-fares"));
        var random = new Random(42);
        var latencies = new double[20_000];
        for (var i = 0; i < latencies.Length; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            latencies[i] = 80 * Math.Exp(sigma * normal);
            var t = TimeSpan.FromDays(3) + TimeSpan.FromMinutes(i);
            ledger.Record(new ProbeResult(i, 1, SyntheticStudent.Wall(t), t, true, 200, latencies[i], null, null, 20, null));
        }

        Array.Sort(latencies);
        foreach (var q in new[] { 0.5, 0.95, 0.99 })
        {
            var exact = latencies[(int)Math.Ceiling(q * latencies.Length) - 1];
            var estimate = ledger.LatencyQuantile(q);
            Assert.InRange(estimate / exact, 0.96, 1.04);
        }
    }

    [Fact]
    public void Quantile_NoCounts_NaN()
    {
        Assert.Equal(double.NaN, LatencyHistogram.Quantile(new long[LatencyHistogram.BinCount], 0.95));
    }

    [Fact]
    public void CountAbove_WholeBinsAndAStraddledOne()
    {
        var counts = new long[LatencyHistogram.BinCount];
        counts[LatencyHistogram.BinOf(100)] = 10;
        counts[LatencyHistogram.BinOf(1000)] = 5;

        Assert.Equal(5, LatencyHistogram.CountAbove(counts, 500));
        Assert.Equal(15, LatencyHistogram.CountAbove(counts, 50));
        Assert.InRange(LatencyHistogram.CountAbove(counts, 100), 5, 15);
    }
}
