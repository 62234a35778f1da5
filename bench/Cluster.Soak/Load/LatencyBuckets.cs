namespace PPipe.Cluster.Soak.Load;

/// <summary>
/// Logarithmic latency buckets, 5% wide, from 0.05 ms to several minutes: a percentile read from them is at
/// most 5% above the true value, and recording one latency is an increment.
/// </summary>
public static class LatencyBuckets
{
    public const int Count = 340;
    private const double FirstMs = 0.05;
    private static readonly double LogGrowth = Math.Log(1.05);

    public static int Of(double milliseconds) =>
        milliseconds <= FirstMs ? 0 : Math.Min(Count - 1, (int)Math.Ceiling(Math.Log(milliseconds / FirstMs) / LogGrowth));

    /// <summary>The upper bound of a bucket in milliseconds.</summary>
    public static double UpperMs(int bucket) => FirstMs * Math.Exp(bucket * LogGrowth);

    /// <summary>The <paramref name="quantile"/> (0..1) of a histogram, or NaN when it is empty.</summary>
    public static double Percentile(ReadOnlySpan<long> histogram, double quantile)
    {
        long total = 0;
        foreach (var n in histogram)
        {
            total += n;
        }

        if (total == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= rank)
            {
                return UpperMs(i);
            }
        }

        return UpperMs(histogram.Length - 1);
    }
}
