namespace PPipe.Grains.Assessment;

/// <summary>
/// What the probes of one stretch of scenario time found: bucket <see cref="Index"/> covers
/// [Index × width, (Index + 1) × width) of the ledger's bucket width. Counts every attempt (first tries and
/// retries); <see cref="Failures"/> by <c>(int)OutboundFailureKind</c>, <see cref="Latency"/> of successful calls as
/// <see cref="LatencyHistogram"/> counts, and the quality of successful calls as row-weighted sums of the mean
/// per-row losses (student, oracle, stale). Both arrays grow only as far as they are used. The fastest and slowest
/// successful call bound what the histogram estimates (exact when every call took about as long).
/// </summary>
[GenerateSerializer, Alias("ppipe.ProbeBucket")]
internal sealed class ProbeBucket
{
    [Id(0)] public int Index { get; set; }
    [Id(1)] public int Attempts { get; set; }
    [Id(2)] public int Successes { get; set; }
    [Id(3)] public int[] Failures { get; set; } = [];
    [Id(4)] public int[] Latency { get; set; } = [];
    [Id(5)] public long Rows { get; set; }
    [Id(6)] public double LossSum { get; set; }
    [Id(7)] public double OracleLossSum { get; set; }
    [Id(8)] public double StaleLossSum { get; set; }
    [Id(9)] public double FastestMs { get; set; }
    [Id(10)] public double SlowestMs { get; set; }

    public int FailuresOf(int kind) => kind < Failures.Length ? Failures[kind] : 0;
}
