using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PPipe.Grains.Diagnostics;

namespace PPipe.Notify.Bench;

/// <summary>
/// Every enrollment wake's lateness (from its due time to the start of its tick), as the silo's own instrument
/// <c>ppipe.enrollment.wake.lateness</c> records it, with the moment it was recorded: exact quantiles over any window.
/// </summary>
public sealed class WakeLateness : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(long Timestamp, double Seconds)> _samples = new();

    public WakeLateness()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PPipeTelemetry.MeterName && instrument.Name == "ppipe.enrollment.wake.lateness")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _samples.Enqueue((Environment.TickCount64, value)));
        _listener.Start();
    }

    /// <summary>The wakes that started from <paramref name="from"/> to <paramref name="to"/> (<see cref="Environment.TickCount64"/>).</summary>
    public Window Between(long from, long to)
    {
        var seconds = _samples.Where(s => s.Timestamp >= from && s.Timestamp < to).Select(s => s.Seconds).Order().ToArray();
        return new Window(seconds.Length, Quantile(seconds, 0.5), Quantile(seconds, 0.99), seconds.Length == 0 ? 0 : seconds[^1]);
    }

    public void Dispose() => _listener.Dispose();

    private static double Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    /// <summary>Wakes in a window and their lateness in seconds.</summary>
    public sealed record Window(int Wakes, double P50, double P99, double Max);
}
