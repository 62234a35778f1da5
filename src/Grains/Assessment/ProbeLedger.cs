using PPipe.Grains.Interfaces.Probes;
using PPipe.Scenarios;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Everything the grade needs from an enrollment's probes, bounded whatever the scenario's length or probe rate:
/// at most <see cref="MaxBuckets"/> <see cref="ProbeBucket"/>s of scenario time, the newest
/// <see cref="RecentCapacity"/> results for the API, and a short memory of which (slot, attempt) pairs were counted.
/// <para>
/// Verification probes (slot −1, sent when an endpoint is registered) are shown in <see cref="Recent"/> and mark
/// <see cref="FirstProbeAt"/>, but count toward no bucket: they are a connectivity check a student can repeat at
/// will, not a scheduled observation.
/// </para>
/// <para>
/// <see cref="Record"/> is idempotent: a probe worker that reports the same slot again after a crash (even with
/// fresh attempts) adds nothing. The ledger remembers the newest <see cref="SeenCapacity"/> (slot, attempt) pairs;
/// a report for a slot older than all of them is refused (<see cref="SeenFloor"/>) rather than risk counting it
/// twice.
/// </para>
/// Create one with <see cref="For(Scenario)"/>; the parameterless constructor is for serializers.
/// </summary>
[GenerateSerializer, Alias("ppipe.ProbeLedger")]
internal sealed class ProbeLedger
{
    /// <summary>The most buckets a ledger holds; later results fall into the last one.</summary>
    public const int MaxBuckets = 120;

    public const int RecentCapacity = 50;

    public const int SeenCapacity = 128;

    /// <summary>Error texts are cut to this length: they come from students' servers.</summary>
    public const int MaxErrorLength = 300;

    private const int AttemptsPerSlotKey = 64;

    /// <summary>Bucket widths that line up with hours and days, so feedback's day ranges are exact.</summary>
    private static readonly TimeSpan[] NiceWidths =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(4),
        TimeSpan.FromHours(6), TimeSpan.FromHours(8), TimeSpan.FromHours(12), TimeSpan.FromDays(1),
        TimeSpan.FromDays(2), TimeSpan.FromDays(7),
    ];

    public ProbeLedger()
    {
    }

    public ProbeLedger(TimeSpan bucketWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucketWidth, TimeSpan.Zero);
        BucketWidth = bucketWidth;
    }

    /// <summary>Scenario time covered by one bucket.</summary>
    [Id(0)] public TimeSpan BucketWidth { get; set; }

    /// <summary>Buckets that saw a probe, by <see cref="ProbeBucket.Index"/>.</summary>
    [Id(1)] public List<ProbeBucket> Buckets { get; set; } = [];

    /// <summary>The newest results (verification probes included), oldest first, errors cut to <see cref="MaxErrorLength"/>.</summary>
    [Id(2)] public List<ProbeResult> Newest { get; set; } = [];

    /// <summary>Recently counted (slot, attempt) pairs as <c>slot × 64 + attempt</c>, ascending.</summary>
    [Id(3)] public List<long> Seen { get; set; } = [];

    /// <summary>Results for slots below this are refused: they may have been counted and forgotten.</summary>
    [Id(4)] public long SeenFloor { get; set; }

    /// <summary>Scenario time of the earliest probe of any kind: the endpoint was registered by then.</summary>
    [Id(5)] public TimeSpan? FirstProbeAt { get; set; }

    /// <summary>A ledger whose buckets fit the scenario: the smallest whole width of at least one probe interval
    /// that cuts the scenario into at most <see cref="MaxBuckets"/> buckets.</summary>
    public static ProbeLedger For(Scenario scenario) => new(BucketWidthFor(scenario));

    public static TimeSpan BucketWidthFor(Scenario scenario)
    {
        var least = TimeSpan.FromTicks((scenario.Duration.Ticks + MaxBuckets - 1) / MaxBuckets);
        if (scenario.Endpoint is { } endpoint && endpoint.ProbeInterval > least)
        {
            least = endpoint.ProbeInterval;
        }

        foreach (var width in NiceWidths)
        {
            if (width >= least)
            {
                return width;
            }
        }

        var weeks = (least.Ticks + NiceWidths[^1].Ticks - 1) / NiceWidths[^1].Ticks;
        return NiceWidths[^1] * weeks;
    }

    // In whole ticks: the same instants as multiplying the TimeSpan (whose double product is exact at these sizes),
    // without its rounding and range checks, since grading asks for them bucket by bucket.
    public TimeSpan BucketStart(int index) => TimeSpan.FromTicks(BucketWidth.Ticks * index);

    public TimeSpan BucketEnd(int index) => TimeSpan.FromTicks(BucketWidth.Ticks * (index + 1));

    /// <summary>Counts one probe attempt; false when it was already counted (or is too old to tell).</summary>
    public bool Record(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (BucketWidth <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("The ledger has no bucket width; create it with ProbeLedger.For(scenario).");
        }

        var kept = result.Error is { Length: > MaxErrorLength } error ? result with { Error = error[..MaxErrorLength] } : result;
        if (kept.Slot < 0)
        {
            if (Newest.Contains(kept))
            {
                return false;
            }
        }
        else if (!MarkSeen(kept.Slot, kept.Attempt))
        {
            return false;
        }

        AddNewest(kept);
        if (FirstProbeAt is not { } first || kept.ScenarioAt < first)
        {
            FirstProbeAt = kept.ScenarioAt;
        }

        if (kept.Slot >= 0)
        {
            Count(BucketAt(kept.ScenarioAt), kept);
        }

        return true;
    }

    /// <summary>The newest <paramref name="limit"/> results, newest first.</summary>
    public IReadOnlyList<ProbeResult> Recent(int limit)
    {
        var count = Math.Clamp(limit, 0, Newest.Count);
        var recent = new ProbeResult[count];
        for (var i = 0; i < count; i++)
        {
            recent[i] = Newest[Newest.Count - 1 - i];
        }

        return recent;
    }

    /// <summary>Latency histogram counts of every successful probe, <see cref="LatencyHistogram.BinCount"/> long.</summary>
    public long[] LatencyTotals()
    {
        var totals = new long[LatencyHistogram.BinCount];
        foreach (var bucket in Buckets)
        {
            LatencyHistogram.AddTo(totals, bucket.Latency);
        }

        return totals;
    }

    /// <summary>The estimated <paramref name="q"/> quantile (0..1) of successful probes' latency in ms; NaN without any.</summary>
    public double LatencyQuantile(double q)
    {
        double fastest = double.PositiveInfinity, slowest = 0;
        foreach (var bucket in Buckets)
        {
            if (bucket.Successes > 0)
            {
                fastest = Math.Min(fastest, bucket.FastestMs);
                slowest = Math.Max(slowest, bucket.SlowestMs);
            }
        }

        return double.IsInfinity(fastest) ? double.NaN : LatencyHistogram.Quantile(LatencyTotals(), q, fastest, slowest);
    }

    private bool MarkSeen(long slot, int attempt)
    {
        if (slot < SeenFloor)
        {
            return false;
        }

        var key = slot * AttemptsPerSlotKey + Math.Clamp(attempt, 0, AttemptsPerSlotKey - 1);
        var at = Seen.BinarySearch(key);
        if (at >= 0)
        {
            return false;
        }

        Seen.Insert(~at, key);
        if (Seen.Count > SeenCapacity)
        {
            // Forget the oldest slot as a whole, so none of its attempts can be counted again.
            var oldest = Seen[0] / AttemptsPerSlotKey;
            var drop = 0;
            while (drop < Seen.Count && Seen[drop] / AttemptsPerSlotKey == oldest)
            {
                drop++;
            }

            Seen.RemoveRange(0, drop);
            SeenFloor = oldest + 1;
        }

        return true;
    }

    private void AddNewest(ProbeResult result)
    {
        var at = Newest.Count;
        while (at > 0 && Newest[at - 1].At > result.At)
        {
            at--;
        }

        Newest.Insert(at, result);
        if (Newest.Count > RecentCapacity)
        {
            Newest.RemoveAt(0);
        }
    }

    private ProbeBucket BucketAt(TimeSpan scenarioAt)
    {
        var index = scenarioAt <= TimeSpan.Zero ? 0 : (int)Math.Min(scenarioAt.Ticks / BucketWidth.Ticks, MaxBuckets - 1);
        var at = Buckets.Count;
        while (at > 0 && Buckets[at - 1].Index > index)
        {
            at--;
        }

        if (at > 0 && Buckets[at - 1].Index == index)
        {
            return Buckets[at - 1];
        }

        var bucket = new ProbeBucket { Index = index };
        Buckets.Insert(at, bucket);
        return bucket;
    }

    private static void Count(ProbeBucket bucket, ProbeResult result)
    {
        bucket.Attempts++;
        if (!result.Ok)
        {
            if (result.Failure is { } failure)
            {
                var kind = (int)failure;
                if (kind >= bucket.Failures.Length)
                {
                    var grown = bucket.Failures;
                    Array.Resize(ref grown, kind + 1);
                    bucket.Failures = grown;
                }

                bucket.Failures[kind]++;
            }

            return;
        }

        var latency = double.IsFinite(result.LatencyMs) && result.LatencyMs > 0 ? result.LatencyMs : 0;
        bucket.FastestMs = bucket.Successes == 0 ? latency : Math.Min(bucket.FastestMs, latency);
        bucket.SlowestMs = Math.Max(bucket.SlowestMs, latency);
        bucket.Successes++;
        bucket.Latency = LatencyHistogram.Add(bucket.Latency, latency);
        if (result.Quality is { Rows: > 0 } quality
            && double.IsFinite(quality.Loss) && double.IsFinite(quality.OracleLoss) && double.IsFinite(quality.StaleLoss))
        {
            bucket.Rows += quality.Rows;
            bucket.LossSum += quality.Loss * quality.Rows;
            bucket.OracleLossSum += quality.OracleLoss * quality.Rows;
            bucket.StaleLossSum += quality.StaleLoss * quality.Rows;
        }
    }
}
