using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;

namespace PPipe.Grains.Probes;

/// <summary>
/// One circuit-breaker pipeline per endpoint, in a table bounded by <c>capacity</c> (softly: concurrent
/// first calls may pass it by a few until the next sweep). A sweep runs when the table is over capacity: it
/// forgets endpoints idle for longer than <c>idleAfter</c> (chosen so that their breaker state has
/// expired anyway), then, if still over, the least recently used ones, down to 90% of the capacity so that
/// sweeps stay rare. Forgetting an endpoint only costs it its failure history.
/// </summary>
internal sealed class EndpointCircuits<TResult>(
    Func<CircuitBreakerManualControl, ResiliencePipeline<TResult>> build,
    int capacity,
    TimeSpan idleAfter,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Circuit> _circuits = new(StringComparer.Ordinal);
    private int _sweeping;

    public int Count => _circuits.Count;

    /// <summary>The circuit of <paramref name="endpoint"/> if it is tracked, without making one.</summary>
    public Circuit? Find(string endpoint) => _circuits.TryGetValue(endpoint, out var circuit) ? circuit : null;

    /// <summary>The circuit of <paramref name="endpoint"/> (e.g. <c>https://model.example.org:443</c>), made on first use.</summary>
    public Circuit For(string endpoint)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (_circuits.TryGetValue(endpoint, out var circuit))
        {
            circuit.Touch(now);
            return circuit;
        }

        circuit = _circuits.GetOrAdd(endpoint, static (_, build) => new Circuit(build), build);
        circuit.Touch(now);
        if (_circuits.Count > capacity)
        {
            Sweep(now);
        }

        return circuit;
    }

    private void Sweep(long now)
    {
        if (Interlocked.Exchange(ref _sweeping, 1) != 0)
        {
            return;
        }

        try
        {
            var idleSince = now - idleAfter.Ticks;
            foreach (var entry in _circuits)
            {
                if (entry.Value.LastUsed < idleSince)
                {
                    _circuits.TryRemove(entry);
                }
            }

            var excess = _circuits.Count - (capacity - capacity / 10);
            if (excess > 0)
            {
                // ToArray takes a consistent snapshot; LINQ straight over the dictionary can fail while others add.
                foreach (var entry in _circuits.ToArray().OrderBy(e => e.Value.LastUsed).Take(excess))
                {
                    _circuits.TryRemove(entry);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    /// <summary>An endpoint's breaker pipeline, the handle that closes it by hand, and when it was last used.</summary>
    public sealed class Circuit
    {
        private long _lastUsed;

        public Circuit(Func<CircuitBreakerManualControl, ResiliencePipeline<TResult>> build)
        {
            Control = new CircuitBreakerManualControl();
            Pipeline = build(Control);
        }

        public ResiliencePipeline<TResult> Pipeline { get; }

        public CircuitBreakerManualControl Control { get; }

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public void Touch(long now) => Volatile.Write(ref _lastUsed, now);
    }
}
