using PPipe.Grains.Interfaces.Operations;

namespace PPipe.Grains.Diagnostics;

/// <summary>
/// What a silo did since it was last read: counts, and wake lateness in the buckets of
/// <see cref="PPipeMetrics.LatenessBuckets"/> (plus the maximum). Lock-free: every figure is one interlocked add, and
/// <see cref="Take"/> swaps each back to zero, so nothing is counted twice or lost between two reads.
/// </summary>
public sealed class ActivityWindow
{
    public long Fetches;
    public long SubmissionsAccepted;
    public long SubmissionsRefused;
    public long ProbesOk;
    public long ProbesFailed;
    public long WebhooksDelivered;
    public long WebhooksFailed;
    public long StorageRetried;
    public long StorageGaveUp;
    public long WakesFailed;

    // One count per lateness bucket, and one more for anything over the last bound.
    private readonly long[] _lateness = new long[PPipeMetrics.LatenessBuckets.Count + 1];
    private long _maxLatenessMicros;

    public void Add(ref long figure) => Interlocked.Increment(ref figure);

    public void AddWake(double latenessSeconds, bool failed)
    {
        var bucket = 0;
        while (bucket < PPipeMetrics.LatenessBuckets.Count && latenessSeconds > PPipeMetrics.LatenessBuckets[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _lateness[bucket]);
        if (failed)
        {
            Interlocked.Increment(ref WakesFailed);
        }

        var micros = (long)(latenessSeconds * 1_000_000);
        var max = Interlocked.Read(ref _maxLatenessMicros);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxLatenessMicros, micros, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The figures so far, resetting each to zero.</summary>
    public SiloActivity Take(DateTimeOffset from, DateTimeOffset to)
    {
        var lateness = new long[_lateness.Length];
        for (var i = 0; i < lateness.Length; i++)
        {
            lateness[i] = Interlocked.Exchange(ref _lateness[i], 0);
        }

        var wakes = lateness.Sum();
        var max = Interlocked.Exchange(ref _maxLatenessMicros, 0) / 1_000_000.0;
        return new SiloActivity(
            from,
            to,
            wakes,
            Interlocked.Exchange(ref WakesFailed, 0),
            Quantile(lateness, wakes, 0.5, max),
            Quantile(lateness, wakes, 0.99, max),
            max,
            Interlocked.Exchange(ref Fetches, 0),
            Interlocked.Exchange(ref SubmissionsAccepted, 0),
            Interlocked.Exchange(ref SubmissionsRefused, 0),
            Interlocked.Exchange(ref ProbesOk, 0),
            Interlocked.Exchange(ref ProbesFailed, 0),
            Interlocked.Exchange(ref WebhooksDelivered, 0),
            Interlocked.Exchange(ref WebhooksFailed, 0),
            Interlocked.Exchange(ref StorageRetried, 0),
            Interlocked.Exchange(ref StorageGaveUp, 0));
    }

    /// <summary>
    /// The upper bound of the bucket holding quantile <paramref name="q"/>, at most <paramref name="max"/> (which it is
    /// past the last bound); null when nothing was counted.
    /// </summary>
    private static double? Quantile(long[] buckets, long total, double q, double max)
    {
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return i < PPipeMetrics.LatenessBuckets.Count ? Math.Min(PPipeMetrics.LatenessBuckets[i], max) : max;
            }
        }

        return max;
    }
}
