using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PPipe.Frontend.Api;

namespace PPipe.Frontend.Students;

/// <summary>
/// Per-token limits for the student API: a token bucket per enrollment (a burst, then a sustained rate), kept in this
/// front end's memory. A bucket refills continuously from the time of its last request, so no timer visits the buckets,
/// and each is locked on its own, so students' requests never wait for one another. Buckets idle long enough to be full
/// again are dropped (a full bucket and no bucket limit alike), at most once a minute, by the request that notices.
/// </summary>
public sealed class StudentRateLimits
{
    /// <summary>Endpoint metadata: the endpoint's requests are counted against the student token's bucket.</summary>
    public static readonly LimitedEndpoint Limited = new();

    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly double _burst;
    private readonly double _perSecond;
    private long _nextSweep;

    public StudentRateLimits(IOptions<ApiLimitsOptions> options, TimeProvider time)
    {
        _time = time;
        _burst = options.Value.StudentBurst;
        _perSecond = options.Value.StudentRequestsPerSecond;
        _nextSweep = time.GetTimestamp() + Ticks(SweepEvery);
    }

    /// <summary>Buckets held now (active students of this front end).</summary>
    public int Count => _buckets.Count;

    /// <summary>Takes one request from <paramref name="key"/>'s bucket; false (and how long until one is back) when it is empty.</summary>
    public bool TryTake(string key, out TimeSpan retryAfter)
    {
        var now = _time.GetTimestamp();
        if (now >= Volatile.Read(ref _nextSweep))
        {
            Sweep(now);
        }

        var bucket = _buckets.GetOrAdd(key, static (_, state) => new Bucket(state.Burst, state.Now), (Burst: _burst, Now: now));
        lock (bucket)
        {
            bucket.Refill(now, _burst, _perSecond, _time.TimestampFrequency);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / _perSecond);
            return false;
        }
    }

    private void Sweep(long now)
    {
        var due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + Ticks(SweepEvery), due) != due)
        {
            return; // another request sweeps
        }

        foreach (var (key, bucket) in _buckets)
        {
            bool full;
            lock (bucket)
            {
                bucket.Refill(now, _burst, _perSecond, _time.TimestampFrequency);
                full = bucket.Tokens >= _burst;
            }

            if (full)
            {
                _buckets.TryRemove(new KeyValuePair<string, Bucket>(key, bucket));
            }
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private sealed class Bucket(double tokens, long at)
    {
        public double Tokens = tokens;
        private long _at = at;

        public void Refill(long now, double burst, double perSecond, long frequency)
        {
            if (now > _at)
            {
                Tokens = Math.Min(burst, Tokens + ((now - _at) * perSecond / frequency));
                _at = now;
            }
        }
    }

    /// <summary>The type of <see cref="Limited"/>.</summary>
    public sealed class LimitedEndpoint;
}
