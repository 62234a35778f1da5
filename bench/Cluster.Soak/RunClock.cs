using System.Diagnostics;

namespace PPipe.Cluster.Soak;

/// <summary>The run's one clock: seconds since the soak started, for every measurement, log line and fault window.</summary>
public sealed class RunClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public double Seconds => Stopwatch.GetElapsedTime(_origin).TotalSeconds;

    /// <summary>Seconds since the start of a Stopwatch timestamp taken during the run.</summary>
    public double SecondsAt(long timestamp) => Stopwatch.GetElapsedTime(_origin, timestamp).TotalSeconds;

    /// <summary>Seconds since the start of a wall time (same machine, same clock).</summary>
    public double SecondsAt(DateTimeOffset at) => (at - StartedAt).TotalSeconds;

    public DateTimeOffset WallTimeAt(double seconds) => StartedAt + TimeSpan.FromSeconds(seconds);
}
