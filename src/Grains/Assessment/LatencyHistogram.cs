namespace PPipe.Grains.Assessment;

/// <summary>
/// A fixed log-scale histogram of latencies, kept as counts in an <c>int[]</c> that grows only as far as the
/// slowest bin used. Bin 0 holds answers under 1 ms; bin <c>k</c> ≥ 1 holds [2^((k−1)/4), 2^(k/4)) ms, four
/// bins per doubling (each 19% wide); the last bin holds everything from 2^16 ms (65.5 s) on. Fixed edges make
/// histograms of different buckets add up bin by bin.
/// </summary>
internal static class LatencyHistogram
{
    public const int BinsPerDoubling = 4;

    /// <summary>Bin 0, four bins for each doubling from 1 ms to 65.5 s, and one open-ended bin.</summary>
    public const int BinCount = 2 + 16 * BinsPerDoubling;

    public static int BinOf(double ms)
    {
        if (!(ms >= 1))
        {
            return 0;
        }

        var bin = 1 + (int)Math.Floor(Math.Log2(ms) * BinsPerDoubling);
        return Math.Min(bin, BinCount - 1);
    }

    public static double LowerEdge(int bin) => bin == 0 ? 0 : Math.Pow(2, (bin - 1) / (double)BinsPerDoubling);

    public static double UpperEdge(int bin) => bin == BinCount - 1 ? double.PositiveInfinity : Math.Pow(2, bin / (double)BinsPerDoubling);

    /// <summary>Counts one latency; returns the (possibly grown) array to store.</summary>
    public static int[] Add(int[] counts, double ms)
    {
        var bin = BinOf(ms);
        if (bin >= counts.Length)
        {
            Array.Resize(ref counts, bin + 1);
        }

        counts[bin]++;
        return counts;
    }

    /// <summary>Adds <paramref name="counts"/> bin by bin into <paramref name="totals"/> (<see cref="BinCount"/> long).</summary>
    public static void AddTo(long[] totals, int[] counts)
    {
        for (var bin = 0; bin < counts.Length; bin++)
        {
            totals[bin] += counts[bin];
        }
    }

    /// <summary>
    /// The <paramref name="q"/> quantile (0..1), interpolated inside its bin on the log scale (linearly in bin 0;
    /// the open-ended bin answers with its lower edge), and kept within the fastest and slowest value counted when
    /// they are known. NaN when there are no counts.
    /// </summary>
    public static double Quantile(ReadOnlySpan<long> counts, double q, double fastest = 0, double slowest = double.PositiveInfinity) =>
        Math.Clamp(Interpolated(counts, q), fastest, Math.Max(fastest, slowest));

    private static double Interpolated(ReadOnlySpan<long> counts, double q)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total == 0)
        {
            return double.NaN;
        }

        var rank = Math.Clamp(q, 0, 1) * total;
        long before = 0;
        for (var bin = 0; bin < counts.Length; bin++)
        {
            var count = counts[bin];
            if (count == 0 || before + count < rank)
            {
                before += count;
                continue;
            }

            var fraction = Math.Clamp((rank - before) / count, 0, 1);
            if (bin == 0)
            {
                return fraction;
            }

            if (bin == BinCount - 1)
            {
                return LowerEdge(bin);
            }

            return LowerEdge(bin) * Math.Pow(UpperEdge(bin) / LowerEdge(bin), fraction);
        }

        return LowerEdge(counts.Length - 1);
    }

    /// <summary>How many of the counted latencies exceed <paramref name="ms"/>, estimated the way
    /// <see cref="Quantile"/> interpolates inside the bin that straddles it.</summary>
    public static double CountAbove(ReadOnlySpan<long> counts, double ms)
    {
        double above = 0;
        for (var bin = 0; bin < counts.Length; bin++)
        {
            var count = counts[bin];
            if (count == 0)
            {
                continue;
            }

            double lower = LowerEdge(bin), upper = UpperEdge(bin);
            if (lower >= ms)
            {
                above += count;
            }
            else if (upper > ms && !double.IsInfinity(upper))
            {
                var share = bin == 0 ? (upper - ms) / (upper - lower) : Math.Log(upper / ms) / Math.Log(upper / lower);
                above += count * share;
            }
        }

        return above;
    }
}
