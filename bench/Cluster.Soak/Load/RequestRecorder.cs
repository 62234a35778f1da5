using System.Diagnostics;

namespace PPipe.Cluster.Soak.Load;

/// <summary>
/// Every request the load generator sends ends here: by completion time into 10-second windows (outcomes and
/// latency per class) and into per-second outcome counts (for the fault analysis). Lock-free increments only,
/// so recording costs the generator next to nothing.
/// </summary>
public sealed class RequestRecorder(RunClock clock)
{
    public const int WindowSeconds = 10;
    public const int MaxSeconds = 6 * 3600;
    private static readonly int OutcomeCount = Outcomes.All.Count;
    private static readonly int ClassCount = Enum.GetValues<RequestClass>().Length;

    private readonly long[] _perSecond = new long[MaxSeconds * OutcomeCount];
    private readonly long[] _failoversPerSecond = new long[MaxSeconds];
    private readonly long[] _errorsPerSecondByClass = new long[MaxSeconds * ClassCount];
    private readonly RequestWindow?[] _windows = new RequestWindow?[MaxSeconds / WindowSeconds];
    private readonly long[] _pollLag = new long[LatencyBuckets.Count];

    public RunClock Clock { get; } = clock;

    /// <summary>Once cancelled (the traffic is over), cancelled requests are the harness stopping the students, not timeouts, and are not recorded.</summary>
    public CancellationToken Stopping { get; set; }

    public void Record(RequestClass requestClass, Outcome outcome, long startTimestamp)
    {
        var end = Stopwatch.GetTimestamp();
        var second = (int)Clock.SecondsAt(end);
        if (second is < 0 or >= MaxSeconds)
        {
            return;
        }

        if (requestClass != RequestClass.Verify)
        {
            Interlocked.Increment(ref _perSecond[second * OutcomeCount + (int)outcome]);
            if (Outcomes.IsError(outcome))
            {
                Interlocked.Increment(ref _errorsPerSecondByClass[second * ClassCount + (int)requestClass]);
            }
        }

        Window(second / WindowSeconds).Record(requestClass, outcome, Stopwatch.GetElapsedTime(startTimestamp, end).TotalMilliseconds);
    }

    /// <summary>A poll dispatched this long after its due time.</summary>
    public void RecordPollLag(double milliseconds)
    {
        var second = (int)Clock.Seconds;
        if (second is >= 0 and < MaxSeconds)
        {
            Window(second / WindowSeconds).RecordPollLag(milliseconds);
        }

        Interlocked.Increment(ref _pollLag[LatencyBuckets.Of(milliseconds)]);
    }

    /// <summary>The balancer found a front end refusing connections and sent the request to another.</summary>
    public void RecordFailover()
    {
        var second = (int)Clock.Seconds;
        if (second is >= 0 and < MaxSeconds)
        {
            Interlocked.Increment(ref _failoversPerSecond[second]);
        }
    }

    public double PollLagPercentile(double quantile) => LatencyBuckets.Percentile(_pollLag, quantile);

    /// <summary>Every window from the first to the last that saw a request.</summary>
    public IReadOnlyList<RequestWindow> Windows
    {
        get
        {
            var last = Array.FindLastIndex(_windows, w => w is not null);
            return [.. Enumerable.Range(0, last + 1).Select(i => _windows[i] ?? new RequestWindow(i))];
        }
    }

    /// <summary>Requests (all classes but the harness's checks) that ended with <paramref name="outcome"/> in [from, to) seconds.</summary>
    public long Count(Outcome outcome, double fromSecond, double toSecond)
    {
        long sum = 0;
        for (var s = Math.Max(0, (int)Math.Floor(fromSecond)); s < Math.Min(MaxSeconds, (int)Math.Ceiling(toSecond)); s++)
        {
            sum += Interlocked.Read(ref _perSecond[s * OutcomeCount + (int)outcome]);
        }

        return sum;
    }

    /// <summary>Platform errors in [from, to) seconds by the kind of request that got them.</summary>
    public IReadOnlyDictionary<RequestClass, long> ErrorsByClass(double fromSecond, double toSecond)
    {
        var errors = new Dictionary<RequestClass, long>();
        for (var s = Math.Max(0, (int)Math.Floor(fromSecond)); s < Math.Min(MaxSeconds, (int)Math.Ceiling(toSecond)); s++)
        {
            foreach (var requestClass in Enum.GetValues<RequestClass>())
            {
                var n = Interlocked.Read(ref _errorsPerSecondByClass[s * ClassCount + (int)requestClass]);
                if (n > 0)
                {
                    errors[requestClass] = errors.GetValueOrDefault(requestClass) + n;
                }
            }
        }

        return errors;
    }

    public long Failovers(double fromSecond, double toSecond)
    {
        long sum = 0;
        for (var s = Math.Max(0, (int)Math.Floor(fromSecond)); s < Math.Min(MaxSeconds, (int)Math.Ceiling(toSecond)); s++)
        {
            sum += Interlocked.Read(ref _failoversPerSecond[s]);
        }

        return sum;
    }

    /// <summary>The last second in [from, to) that saw a platform error, or null.</summary>
    public int? LastErrorSecond(double fromSecond, double toSecond)
    {
        for (var s = Math.Min(MaxSeconds, (int)Math.Ceiling(toSecond)) - 1; s >= Math.Max(0, (int)Math.Floor(fromSecond)); s--)
        {
            foreach (var outcome in Outcomes.All.Where(Outcomes.IsError))
            {
                if (Interlocked.Read(ref _perSecond[s * OutcomeCount + (int)outcome]) > 0)
                {
                    return s;
                }
            }
        }

        return null;
    }

    private RequestWindow Window(int index)
    {
        var window = Volatile.Read(ref _windows[index]);
        if (window is not null)
        {
            return window;
        }

        Interlocked.CompareExchange(ref _windows[index], new RequestWindow(index), null);
        return _windows[index]!;
    }
}
