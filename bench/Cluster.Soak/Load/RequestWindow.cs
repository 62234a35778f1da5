namespace PPipe.Cluster.Soak.Load;

/// <summary>The requests that completed in one 10-second window: outcomes and latency histograms per class.</summary>
public sealed class RequestWindow(int index)
{
    private static readonly int ClassCount = Enum.GetValues<RequestClass>().Length;
    private static readonly int OutcomeCount = Outcomes.All.Count;
    private readonly long[] _outcomes = new long[ClassCount * OutcomeCount];
    private readonly long[] _latency = new long[ClassCount * LatencyBuckets.Count];
    private long _maxPollLagMicros;

    public int Index { get; } = index;

    public double StartSecond => Index * (double)RequestRecorder.WindowSeconds;

    /// <summary>The longest a poll waited past its due time for a free worker (the load generator falling behind).</summary>
    public double MaxPollLagMs => Interlocked.Read(ref _maxPollLagMicros) / 1000.0;

    public void Record(RequestClass requestClass, Outcome outcome, double milliseconds)
    {
        Interlocked.Increment(ref _outcomes[(int)requestClass * OutcomeCount + (int)outcome]);
        Interlocked.Increment(ref _latency[(int)requestClass * LatencyBuckets.Count + LatencyBuckets.Of(milliseconds)]);
    }

    public void RecordPollLag(double milliseconds)
    {
        var micros = (long)(milliseconds * 1000);
        var known = Interlocked.Read(ref _maxPollLagMicros);
        while (micros > known)
        {
            var previous = Interlocked.CompareExchange(ref _maxPollLagMicros, micros, known);
            if (previous == known)
            {
                return;
            }

            known = previous;
        }
    }

    /// <summary>Requests of a class (all classes but the harness's own checks when null) that ended so.</summary>
    public long Count(Outcome outcome, RequestClass? requestClass = null) =>
        Classes(requestClass).Sum(c => Interlocked.Read(ref _outcomes[(int)c * OutcomeCount + (int)outcome]));

    public long Total(RequestClass? requestClass = null) => Outcomes.All.Sum(o => Count(o, requestClass));

    public long Errors(RequestClass? requestClass = null) => Outcomes.All.Where(Outcomes.IsError).Sum(o => Count(o, requestClass));

    public double Percentile(double quantile, RequestClass? requestClass = null)
    {
        var merged = new long[LatencyBuckets.Count];
        foreach (var c in Classes(requestClass))
        {
            for (var b = 0; b < merged.Length; b++)
            {
                merged[b] += Interlocked.Read(ref _latency[(int)c * LatencyBuckets.Count + b]);
            }
        }

        return LatencyBuckets.Percentile(merged, quantile);
    }

    /// <summary>Adds this window's latency histogram of <paramref name="requestClass"/> to <paramref name="into"/>.</summary>
    public void AddLatency(long[] into, RequestClass? requestClass = null)
    {
        foreach (var c in Classes(requestClass))
        {
            for (var b = 0; b < into.Length; b++)
            {
                into[b] += Interlocked.Read(ref _latency[(int)c * LatencyBuckets.Count + b]);
            }
        }
    }

    private static IEnumerable<RequestClass> Classes(RequestClass? requestClass) =>
        requestClass is { } one ? [one] : Enum.GetValues<RequestClass>().Where(c => c != RequestClass.Verify);
}
